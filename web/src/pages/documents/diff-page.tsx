import type { DocumentKind } from "../../api/documents";
import { documentsApi } from "../../api/documents";
import { Loading } from "../../components/loading";
import { PageHeader } from "../../components/page-header";
import { ProblemMessage } from "../../components/problem-message";
import { DateTime } from "../../components/relative-time";
import { useResource } from "../../hooks/use-resource";
import { diffStats, lineDiff } from "../../lib/line-diff";
import { Link, useLocation } from "../../router";
import { DiffView } from "./diff-view";

/** What changed in a document's YAML between two versions. */
export function DiffPage({ kind, docId }: { kind: DocumentKind; docId: string }) {
  const { search } = useLocation();
  const from = Number(search.get("from"));
  const to = Number(search.get("to"));
  const { data, error } = useResource(
    async (signal) => {
      const [a, b] = await Promise.all([
        documentsApi.version(kind, docId, from, signal),
        documentsApi.version(kind, docId, to, signal),
      ]);
      return { a, b, rows: lineDiff(a.source, b.source) };
    },
    [kind, docId, from, to],
  );
  const stats = data ? diffStats(data.rows) : undefined;

  return (
    <>
      <PageHeader title={`Changes to ${kind} ${docId}: v${from} → v${to}`}>
        <p>
          <Link to={`/documents/${kind}/${encodeURIComponent(docId)}`}>All versions</Link>
        </p>
      </PageHeader>
      <ProblemMessage error={error} title="Could not load the two versions" />
      {!data ? (
        !error && <Loading what="Comparing" />
      ) : (
        <>
          <p>
            From v{data.a.version} “{data.a.label}” (<DateTime at={data.a.created_at} />) to v
            {data.b.version} “{data.b.label}” (<DateTime at={data.b.created_at} />
            ):{" "}
            <span className="added-text">
              {stats?.added} line{stats?.added === 1 ? "" : "s"} added
            </span>
            , <span className="removed-text">{stats?.removed} removed</span>.
          </p>
          {stats && stats.added + stats.removed === 0 ? (
            <p className="empty-title">The two versions have the same text.</p>
          ) : (
            <DiffView rows={data.rows} />
          )}
        </>
      )}
    </>
  );
}
