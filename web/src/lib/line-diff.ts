import { diffLines } from "diff";

export type DiffRow =
  | { type: "same" | "added" | "removed"; oldNo?: number; newNo?: number; text: string }
  | { type: "skip"; count: number; rows: DiffRow[] };

function lines(value: string): string[] {
  const out = value.split("\n");
  if (out[out.length - 1] === "") out.pop();
  return out;
}

/**
 * A unified line diff of two texts with old and new line numbers. Unchanged runs longer than
 * twice `context` keep `context` lines around each change and fold the rest into a `skip` row
 * (which carries the folded rows, to unfold on request).
 */
export function lineDiff(before: string, after: string, context = 3): DiffRow[] {
  const rows: DiffRow[] = [];
  let oldNo = 1;
  let newNo = 1;
  for (const part of diffLines(before, after)) {
    for (const text of lines(part.value)) {
      if (part.added) rows.push({ type: "added", newNo: newNo++, text });
      else if (part.removed) rows.push({ type: "removed", oldNo: oldNo++, text });
      else rows.push({ type: "same", oldNo: oldNo++, newNo: newNo++, text });
    }
  }
  const out: DiffRow[] = [];
  let i = 0;
  while (i < rows.length) {
    if (rows[i]?.type !== "same") {
      out.push(rows[i] as DiffRow);
      i++;
      continue;
    }
    let j = i;
    while (j < rows.length && rows[j]?.type === "same") j++;
    const run = rows.slice(i, j);
    const keepBefore = i === 0 ? 0 : context;
    const keepAfter = j === rows.length ? 0 : context;
    if (run.length > keepBefore + keepAfter + 1) {
      out.push(...run.slice(0, keepBefore));
      const folded = run.slice(keepBefore, run.length - keepAfter);
      out.push({ type: "skip", count: folded.length, rows: folded });
      out.push(...run.slice(run.length - keepAfter));
    } else out.push(...run);
    i = j;
  }
  return out;
}

/** How many lines were added and removed. */
export function diffStats(rows: DiffRow[]): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const r of rows) {
    if (r.type === "added") added++;
    if (r.type === "removed") removed++;
  }
  return { added, removed };
}
