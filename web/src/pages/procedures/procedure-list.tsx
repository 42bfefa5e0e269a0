import { documentsApi } from "../../api/documents";
import { DataTable } from "../../components/data-table";
import { EmptyState } from "../../components/empty-state";
import { PageHeader } from "../../components/page-header";
import { ProblemMessage } from "../../components/problem-message";
import { DateTime } from "../../components/relative-time";
import { useResource } from "../../hooks/use-resource";
import { severityName, typeName } from "../../lib/labels";
import { useCurrentPlan } from "../../plan-context";
import { Link } from "../../router";

/** Every procedure in force: what it is for and which version. */
export function ProcedureList() {
  const plan = useCurrentPlan().data?.body;
  const { data, error } = useResource((signal) => documentsApi.procedures(signal), []);
  return (
    <>
      <PageHeader
        title="Procedures"
        actions={
          <Link to="/documents/upload" className="button">
            Upload a new version
          </Link>
        }
      />
      <ProblemMessage error={error} title="Could not load the procedures" />
      <DataTable
        rows={data && [...data].sort((a, b) => a.title.localeCompare(b.title))}
        error={error}
        loading="Loading procedures"
        rowKey={(p) => p.id}
        empty={
          <EmptyState title="No procedures">
            <p>
              Procedures are the "how" of each incident type.{" "}
              <Link to="/documents/upload">Upload one</Link>.
            </p>
          </EmptyState>
        }
        columns={[
          {
            header: "Procedure",
            rowHeader: true,
            cell: (p) => <Link to={`/procedures/${p.id}`}>{p.title}</Link>,
          },
          {
            header: "Incident types",
            cell: (p) => p.applies_to.incident_types.map((t) => typeName(plan, t)).join(", "),
          },
          {
            header: "Severities",
            cell: (p) =>
              p.applies_to.severities.length
                ? p.applies_to.severities.map((s) => severityName(plan, s)).join(", ")
                : "all",
          },
          {
            header: "Version",
            cell: (p) => (
              <>
                {p.label}{" "}
                <span className="muted">
                  (v{p.version}, <DateTime at={p.created_at} />)
                </span>
              </>
            ),
          },
        ]}
      />
    </>
  );
}
