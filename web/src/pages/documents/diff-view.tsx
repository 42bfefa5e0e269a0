import { Fragment, useState } from "react";
import type { DiffRow } from "../../lib/line-diff";

/** A unified diff table; folded unchanged lines open on request. */
export function DiffView({ rows }: { rows: DiffRow[] }) {
  const [opened, setOpened] = useState<ReadonlySet<number>>(new Set());
  const line = (r: Exclude<DiffRow, { type: "skip" }>, key: string) => (
    <tr key={key} className={`diff-${r.type}`}>
      <td className="ln" aria-label={r.oldNo ? `old line ${r.oldNo}` : undefined}>
        {r.oldNo ?? ""}
      </td>
      <td className="ln" aria-label={r.newNo ? `new line ${r.newNo}` : undefined}>
        {r.newNo ?? ""}
      </td>
      <td className="sign" aria-hidden="true">
        {r.type === "added" ? "+" : r.type === "removed" ? "−" : " "}
      </td>
      <td className="code">
        {r.type === "added" && <span className="visually-hidden">added: </span>}
        {r.type === "removed" && <span className="visually-hidden">removed: </span>}
        {r.text}
      </td>
    </tr>
  );
  return (
    <div className="table-scroll">
      <table className="diff">
        <tbody>
          {rows.map((r, i) =>
            r.type === "skip" ? (
              opened.has(i) ? (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional
                <Fragment key={i}>
                  {r.rows.map((x, j) => x.type !== "skip" && line(x, `${i}-${j}`))}
                </Fragment>
              ) : (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional
                <tr key={i} className="diff-skip">
                  <td colSpan={4}>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => setOpened(new Set([...opened, i]))}
                    >
                      Show {r.count} unchanged line{r.count === 1 ? "" : "s"}
                    </button>
                  </td>
                </tr>
              )
            ) : (
              line(r, String(i))
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}
