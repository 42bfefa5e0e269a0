import { useState } from "react";
import type { DocumentKind } from "../../api/documents";
import { documentsApi } from "../../api/documents";
import { type Column, DataTable } from "../../components/data-table";
import { EmptyState } from "../../components/empty-state";
import { Loading } from "../../components/loading";
import { PageHeader } from "../../components/page-header";
import { Actor } from "../../components/person";
import { ProblemMessage } from "../../components/problem-message";
import { DateTime } from "../../components/relative-time";
import { useResource } from "../../hooks/use-resource";
import { Link, navigate } from "../../router";
import { useSession } from "../../session-context";
import { ReviewPanel } from "./review-panel";

/** Every version of one document; pick two to see what changed between them. */
export function VersionsPage({ kind, docId }: { kind: DocumentKind; docId: string }) {
  const { session } = useSession();
  const { data, error, reload } = useResource(
    (signal) => documentsApi.versions(kind, docId, signal),
    [kind, docId],
  );
  const [pick, setPick] = useState<{ from?: number; to?: number }>({});
  const from = pick.from ?? data?.[1]?.version;
  const to = pick.to ?? data?.[0]?.version;
  // Versions after the one in force are drafts awaiting approval.
  const inForce = data?.find((x) => x.in_force)?.version ?? 0;
  const base = `/documents/${kind}/${encodeURIComponent(docId)}`;
  // A column of radio buttons choosing one end of the comparison.
  const pickColumn = (
    end: "from" | "to",
    header: string,
  ): Column<NonNullable<typeof data>[number]> => ({
    header,
    label: end === "from" ? "From" : "To",
    cell: (v) => (
      <input
        type="radio"
        name={end}
        aria-label={`Compare ${end} v${v.version}`}
        checked={(end === "from" ? from : to) === v.version}
        onChange={() => setPick({ ...pick, [end]: v.version })}
      />
    ),
  });

  return (
    <>
      <PageHeader
        title={`Versions of ${kind} ${docId}`}
        actions={
          // Changing documents is the administrators' (documents:write).
          (!session || session.role === "admin") && (
            <Link to={`${base}/edit`} className="button primary">
              Edit
            </Link>
          )
        }
      >
        <p>
          <Link to={kind === "plan" ? "/plan" : `/procedures/${docId}`}>
            Read the version in force
          </Link>
        </p>
      </PageHeader>
      <ProblemMessage error={error} title="Could not load the versions" />
      {!error && <ReviewPanel kind={kind} docId={docId} onDecided={() => void reload()} />}
      {!data ? (
        !error && <Loading />
      ) : data.length === 0 ? (
        <EmptyState title="No versions" />
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (from && to) navigate(`${base}/diff?from=${from}&to=${to}`);
          }}
        >
          <DataTable
            rows={data}
            rowKey={(v) => v.version}
            className="versions"
            caption="Versions, newest first"
            columns={[
              pickColumn("from", "Compare from"),
              pickColumn("to", "to"),
              {
                header: "Version",
                rowHeader: true,
                cell: (v) => (
                  <>
                    v{v.version} <span className="muted">“{v.label}”</span>
                    {v.in_force ? (
                      <span className="badge current-phase">In force</span>
                    ) : (
                      v.version > inForce && <span className="badge">Draft</span>
                    )}
                  </>
                ),
              },
              {
                header: "Stored",
                cell: (v) => (
                  <>
                    <DateTime at={v.created_at} />{" "}
                    <span className="muted">
                      by <Actor actor={v.created_by} />
                    </span>
                  </>
                ),
              },
              { header: "Origin", className: "mono", cell: (v) => v.origin },
              {
                header: "Source",
                cell: (v) => <Link to={`${base}/source?version=${v.version}`}>YAML</Link>,
              },
            ]}
          />
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={!from || !to || from === to}>
              Show changes
            </button>
            {data.length < 2 && <span className="muted">Only one version so far.</span>}
          </div>
        </form>
      )}
    </>
  );
}
