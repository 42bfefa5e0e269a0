import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../test/support/databases.js";
import { servedDetection } from "../../test/support/detection.js";
import { parseDocuments } from "./yaml-loader.js";

const malware = readFileSync(
  new URL("../../library/procedures/malware.yml", import.meta.url),
  "utf8",
);
/** The built-in malware procedure with `text` as line `line` (1-based). */
const withLine = (line: number, text: string) =>
  malware
    .split("\n")
    .map((l, i) => (i === line - 1 ? text : l))
    .join("\n");

/**
 * Issue 14 acceptance: a document whose title held YAML's "\0" answered 500 on PostgreSQL, and
 * one with a step title holding it was stored, to fail every incident declared with it there.
 * Both are a 422 at the NUL's line and column, on both dialects.
 */
describe("NUL in YAML documents", () => {
  it("refuses the \\0 escape at the value's position and a raw NUL byte at its own", () => {
    const step = parseDocuments(withLine(16, '      title: "Triage\\0 the detection"'), "m.yml");
    expect(step.documents).toEqual([]);
    expect(step.errors).toEqual([
      expect.objectContaining({ line: 16, column: 14, path: "steps.detection[0].title" }),
    ]);
    expect(step.errors[0]?.message).toMatch(/U\+0000/);
    const raw = parseDocuments(withLine(3, "# a comment \0 with a NUL byte"), "m.yml");
    expect(raw.errors).toEqual([expect.objectContaining({ line: 3, column: 13 })]);
  });

  for (const dialect of TEST_DIALECTS)
    describe.skipIf(dialect.skip !== undefined)(`upload on ${dialect.name}`, () => {
      const served = servedDetection(dialect);

      it("answers 422 for a NUL in a title, storing nothing", async () => {
        for (const [line, text] of [
          [4, 'title: "Malware\\0 infection"'],
          [16, '      title: "Triage\\0 the detection"'],
        ] as const) {
          const res = await served.app.inject({
            method: "POST",
            url: "/api/v1/documents",
            headers: { "content-type": "application/yaml" },
            payload: withLine(line, text),
          });
          expect(res.statusCode, res.body).toBe(422);
          expect(res.json().errors[0]).toMatchObject({ line });
        }
      });
    });
});
