import { useEffect } from "react";
import type { DocumentKind } from "../../api/documents";
import { documentsApi } from "../../api/documents";
import { Loading } from "../../components/loading";
import { PageHeader } from "../../components/page-header";
import { ProblemMessage } from "../../components/problem-message";
import { useResource } from "../../hooks/use-resource";
import { Link, useLocation } from "../../router";

/** A version's YAML with line numbers; `#L12` marks and scrolls to line 12 (lint links here). */
export function SourcePage({ kind, docId }: { kind: DocumentKind; docId: string }) {
  const { search, hash } = useLocation();
  const requested = Number(search.get("version")) || undefined;
  const { data, error } = useResource(
    async (signal) => {
      let version = requested;
      if (version === undefined) {
        // Without a version asked for: the one in force, not a newer draft.
        const versions = await documentsApi.versions(kind, docId, signal);
        version = (versions.find((v) => v.in_force) ?? versions[0])?.version ?? 1;
      }
      return documentsApi.version(kind, docId, version, signal);
    },
    [kind, docId, requested],
  );
  const marked = /^L(\d+)$/.exec(hash)?.[1];

  useEffect(() => {
    if (data && marked) document.getElementById(`L${marked}`)?.scrollIntoView({ block: "center" });
  }, [data, marked]);

  return (
    <>
      <PageHeader title={`${kind} ${docId}${data ? ` v${data.version}` : ""}: source`}>
        <p>
          <Link to={`/documents/${kind}/${encodeURIComponent(docId)}`}>All versions</Link>
        </p>
      </PageHeader>
      <ProblemMessage error={error} title="Could not load the document" />
      {!data ? (
        !error && <Loading />
      ) : (
        <div className="table-scroll">
          <table className="diff source">
            <tbody>
              {data.source.split("\n").map((text, i) => {
                const n = i + 1;
                return (
                  <tr key={n} id={`L${n}`} className={String(n) === marked ? "marked" : undefined}>
                    <td className="ln">
                      <a href={`#L${n}`}>{n}</a>
                    </td>
                    <td className="code">{text}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
