import { documentsApi } from "../../api/documents";
import type { VersionSummary } from "../../api/types";
import { Loading } from "../../components/loading";
import { PageHeader } from "../../components/page-header";
import { ProblemMessage } from "../../components/problem-message";
import { useResource } from "../../hooks/use-resource";
import { formatDateTime } from "../../lib/time";
import { Link } from "../../router";
import { LintResults } from "./lint-results";

/** The documents in force, their versions, and what lint says about them together. */
export function DocumentsPage() {
  const docs = useResource(async (signal) => {
    const [plan, procedures] = await Promise.all([
      documentsApi.currentPlan(signal),
      documentsApi.procedures(signal),
    ]);
    const all: VersionSummary[] = [
      plan,
      ...procedures.sort((a, b) => a.title.localeCompare(b.title)),
    ];
    return all;
  }, []);
  const lint = useResource((signal) => documentsApi.lint(signal), []);

  return (
    <>
      <PageHeader
        title="Documents"
        actions={
          <Link to="/documents/upload" className="button primary">
            Upload a new version
          </Link>
        }
      >
        <p className="muted">
          Every change to the plan or a procedure is a new version; old versions stay readable, and
          incidents keep the versions they were declared under.
        </p>
      </PageHeader>

      <section className="panel" aria-labelledby="lint-title">
        <h2 id="lint-title">Lint</h2>
        <ProblemMessage error={lint.error} title="Could not lint" />
        {lint.data ? <LintResults report={lint.data} /> : !lint.error && <Loading what="Linting" />}
      </section>

      <section className="panel" aria-labelledby="docs-title">
        <h2 id="docs-title">In force</h2>
        <ProblemMessage error={docs.error} title="Could not load the documents" />
        {!docs.data ? (
          !docs.error && <Loading />
        ) : (
          <table className="responsive">
            <thead>
              <tr>
                <th scope="col">Document</th>
                <th scope="col">Kind</th>
                <th scope="col">Version</th>
                <th scope="col">Stored</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {docs.data.map((d) => (
                <tr key={`${d.kind}/${d.id}`}>
                  <th scope="row" data-label="Document">
                    <Link to={d.kind === "plan" ? "/plan" : `/procedures/${d.id}`}>{d.title}</Link>
                  </th>
                  <td data-label="Kind">{d.kind}</td>
                  <td data-label="Version">
                    {d.label} <span className="muted">(v{d.version})</span>
                  </td>
                  <td data-label="Stored">
                    {formatDateTime(d.created_at)} <span className="muted">by {d.created_by}</span>
                  </td>
                  <td data-label="">
                    <Link to={`/documents/${d.kind}/${d.id}`}>Versions and changes</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
