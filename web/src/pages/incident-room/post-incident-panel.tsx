import type { PlanBody } from "../../api/types";
import { ActionItemsSection } from "./action-items-section";
import { LessonsSection } from "./lessons-section";
import { RcaSection } from "./rca-section";

interface Props {
  incidentRef: string;
  incidentId: string;
  plan: PlanBody | undefined;
  /** Post-incident work goes on after the incident closes, so only the caller's role matters. */
  canWrite: boolean;
  revision: number;
}

/** Root-cause analysis, lessons learned and action items: the work that outlives the incident. */
export function PostIncidentPanel({ incidentRef, incidentId, plan, canWrite, revision }: Props) {
  return (
    <div className="panel-stack">
      <RcaSection
        incidentRef={incidentRef}
        incidentId={incidentId}
        editable={canWrite}
        revision={revision}
      />
      <LessonsSection
        incidentRef={incidentRef}
        incidentId={incidentId}
        editable={canWrite}
        revision={revision}
      />
      <ActionItemsSection
        incidentRef={incidentRef}
        incidentId={incidentId}
        plan={plan}
        editable={canWrite}
        revision={revision}
      />
    </div>
  );
}
