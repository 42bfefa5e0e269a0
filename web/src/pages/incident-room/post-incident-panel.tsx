import type { PlanBody } from "../../api/documents";
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
export function PostIncidentPanel({ canWrite, ...incident }: Props) {
  const section = { ...incident, editable: canWrite };
  return (
    <div className="panel-stack">
      <RcaSection {...section} />
      <LessonsSection {...section} />
      <ActionItemsSection {...section} />
    </div>
  );
}
