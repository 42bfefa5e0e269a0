import { describe, expect, it } from "vitest";
import { diffStats, lineDiff } from "./line-diff";

const numbered = (n: number, from = 1) =>
  Array.from({ length: n }, (_, i) => `line ${i + from}`).join("\n");

describe("lineDiff", () => {
  it("numbers old and new lines through additions and removals", () => {
    const rows = lineDiff("a\nb\nc\n", "a\nB\nc\nd\n");
    expect(rows).toEqual([
      { type: "same", oldNo: 1, newNo: 1, text: "a" },
      { type: "removed", oldNo: 2, text: "b" },
      { type: "added", newNo: 2, text: "B" },
      { type: "same", oldNo: 3, newNo: 3, text: "c" },
      { type: "added", newNo: 4, text: "d" },
    ]);
    expect(diffStats(rows)).toEqual({ added: 2, removed: 1 });
  });

  it("folds long unchanged runs, keeping context around changes", () => {
    const before = `${numbered(20)}\n`;
    const after = `${numbered(10)}\nchanged\n${numbered(9, 12)}\n`;
    const rows = lineDiff(before, after, 2);
    const types = rows.map((r) => r.type);
    expect(types).toEqual(["skip", "same", "same", "removed", "added", "same", "same", "skip"]);
    const first = rows[0];
    expect(first?.type === "skip" && first.count).toBe(8);
  });

  it("says nothing changed for equal texts", () => {
    expect(diffStats(lineDiff("x\n", "x\n"))).toEqual({ added: 0, removed: 0 });
  });
});
