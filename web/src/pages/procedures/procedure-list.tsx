import { documentsApi } from "../../api/documents";
import { EmptyState } from "../../components/empty-state";
import { Loading } from "../../components/loading";
import { PageHeader } from "../../components/page-header";
import { ProblemMessage } from "../../components/problem-message";
import { useResource } from "../../hooks/use-resource";
import { severityName, typeName } from "../../lib/labels";
import { formatDateTime } from "../../lib/time";
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
      {!data ? (
        !error && <Loading what="Loading procedures" />
      ) : data.length === 0 ? (
        <EmptyState title="No procedures">
          <p>
            Procedures are the "how" of each incident type.{" "}
            <Link to="/documents/upload">Upload one</Link>.
          </p>
        </EmptyState>
      ) : (
        <table className="responsive">
          <thead>
            <tr>
              <th scope="col">Procedure</th>
              <th scope="col">Incident types</th>
              <th scope="col">Severities</th>
              <th scope="col">Version</th>
            </tr>
          </thead>
          <tbody>
            {[...data]
              .sort((a, b) => a.title.localeCompare(b.title))
              .map((p) => (
                <tr key={p.id}>
                  <th scope="row" data-label="Procedure">
                    <Link to={`/procedures/${p.id}`}>{p.title}</Link>
                  </th>
                  <td data-label="Incident types">
                    {p.applies_to.incident_types.map((t) => typeName(plan, t)).join(", ")}
                  </td>
                  <td data-label="Severities">
                    {p.applies_to.severities.length
                      ? p.applies_to.severities.map((s) => severityName(plan, s)).join(", ")
                      : "all"}
                  </td>
                  <td data-label="Version">
                    {p.label}{" "}
                    <span className="muted">
                      (v{p.version}, {formatDateTime(p.created_at)})
                    </span>
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
    </>
  );
}
