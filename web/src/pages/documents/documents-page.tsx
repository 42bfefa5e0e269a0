import type { VersionSummary } from "../../api/documents";
import { documentsApi } from "../../api/documents";
import { DataTable } from "../../components/data-table";
import { Loading } from "../../components/loading";
import { PageHeader } from "../../components/page-header";
import { Actor } from "../../components/person";
import { ProblemMessage } from "../../components/problem-message";
import { DateTime } from "../../components/relative-time";
import { useResource } from "../../hooks/use-resource";
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
        <DataTable
          rows={docs.data}
          error={docs.error}
          rowKey={(d) => `${d.kind}/${d.id}`}
          columns={[
            {
              header: "Document",
              rowHeader: true,
              cell: (d) => (
                <Link to={d.kind === "plan" ? "/plan" : `/procedures/${d.id}`}>{d.title}</Link>
              ),
            },
            { header: "Kind", cell: (d) => d.kind },
            {
              header: "Version",
              cell: (d) => (
                <>
                  {d.label} <span className="muted">(v{d.version})</span>
                </>
              ),
            },
            {
              header: "Stored",
              cell: (d) => (
                <>
                  <DateTime at={d.created_at} />{" "}
                  <span className="muted">
                    by <Actor actor={d.created_by} />
                  </span>
                </>
              ),
            },
            {
              header: "Actions",
              hideHeader: true,
              cell: (d) => <Link to={`/documents/${d.kind}/${d.id}`}>Versions and changes</Link>,
            },
          ]}
        />
      </section>
    </>
  );
}
