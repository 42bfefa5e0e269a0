import type { PlanBody } from "../../api/documents";
import type { Incident } from "../../api/incidents";
import { PhaseBadge, SeverityBadge } from "../../components/badges";
import { type Column, DataTable } from "../../components/data-table";
import { Person } from "../../components/person";
import { RelativeTime } from "../../components/relative-time";
import { typeName } from "../../lib/labels";
import { Link } from "../../router";

const columns = (plan: PlanBody | undefined): Column<Incident>[] => [
  {
    header: "Incident",
    cell: (i) => (
      <>
        <Link to={`/incidents/${i.human_id}`} className="incident-link">
          <span className="mono">{i.human_id}</span> {i.title}
        </Link>
        {i.exercise && <span className="badge exercise">Exercise</span>}
      </>
    ),
  },
  { header: "Severity", cell: (i) => <SeverityBadge plan={plan} severity={i.severity} /> },
  { header: "Phase", cell: (i) => <PhaseBadge phase={i.phase} /> },
  { header: "Type", cell: (i) => typeName(plan, i.type) },
  {
    header: "Commander",
    cell: (i) =>
      i.commander ? <Person id={i.commander} plan={plan} /> : <span className="muted">none</span>,
  },
  { header: "Declared", cell: (i) => <RelativeTime at={i.times.declared_at} /> },
];

/** Incidents as a table on a laptop and as stacked cards at phone width. */
export function IncidentTable({
  incidents,
  plan,
}: {
  incidents: Incident[];
  plan: PlanBody | undefined;
}) {
  return (
    <DataTable
      columns={columns(plan)}
      rows={incidents}
      rowKey={(i) => i.id}
      className="incident-table"
    />
  );
}
