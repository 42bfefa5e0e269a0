import type { TaskStatus } from "../../../src/domain/incident/task";
import type { PlanBody } from "../api/documents";
import { phaseLabel, STATUS_LABEL, severityName, severityRank } from "../lib/labels";

export function SeverityBadge({
  plan,
  severity,
}: {
  plan: PlanBody | undefined;
  severity: string;
}) {
  return (
    <span className={`badge sev sev-${severityRank(plan, severity)}`}>
      {severityName(plan, severity)}
    </span>
  );
}

export function PhaseBadge({ phase }: { phase: string }) {
  return <span className={`badge phase phase-${phase}`}>{phaseLabel(phase)}</span>;
}

export function StatusBadge({ status }: { status: TaskStatus }) {
  return <span className={`badge status status-${status}`}>{STATUS_LABEL[status]}</span>;
}
