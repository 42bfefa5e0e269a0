import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { appPerFile } from "../../test/support/app.js";
import { TEST_DIALECTS } from "../../test/support/databases.js";
import { minimalPlan, minimalProcedure, writeLibrary } from "../../test/support/documents.js";
import { yamlAliasBomb } from "../../test/support/hostile-input.js";
import { formatDetail } from "../domain/errors.js";
import { loadLibrary } from "./library.js";
import { parseDocuments } from "./yaml-loader.js";

const deepFlow = (levels: number) =>
  `kind: procedure\nid: deep\nx: ${"[".repeat(levels)}${"]".repeat(levels)}\n`;

describe("YAML documents within limits", () => {
  it("reports an alias bomb at its first alias, file:line:column, without expanding it", () => {
    const started = performance.now();
    const { documents, errors } = parseDocuments(yamlAliasBomb(), "bomb.yml");
    expect(performance.now() - started).toBeLessThan(2000);
    expect(documents).toEqual([]);
    expect(errors).toEqual([expect.objectContaining({ file: "bomb.yml", line: 4, column: 8 })]);
    expect(formatDetail(errors[0] as never)).toMatch(/^bomb\.yml:4:8 aliases expand too much/);
  });

  it("reports nesting deeper than 64 levels where it starts, however deep", () => {
    const within = parseDocuments(deepFlow(70), "deep.yml").errors;
    expect(within[0]).toMatchObject({ line: 3, message: "nested deeper than 64 levels" });
    for (const levels of [5000, 100_000]) {
      const { errors } = parseDocuments(deepFlow(levels), "deep.yml");
      expect(errors.length).toBeGreaterThan(0);
      expect(errors[0]?.message).toMatch(/nested too deeply|nested deeper/);
    }
  });

  it("refuses an alias that contains itself", () => {
    const { errors } = parseDocuments("kind: procedure\nid: loop\na: &a [*a]\n", "loop.yml");
    expect(errors[0]?.message).toMatch(/nested deeper than 64 levels/);
  });

  it("reports the bomb in firebreak lint's loader too, as file:line:column", async () => {
    const dir = mkdtempSync(join(tmpdir(), "firebreak-bomb-"));
    writeFileSync(join(dir, "bomb.yml"), yamlAliasBomb());
    const { errors } = await loadLibrary([dir]);
    expect(errors.map((e) => formatDetail(e))).toEqual([
      expect.stringMatching(/bomb\.yml:4:8 aliases expand too much/),
    ]);
  });
});

describe("uploading a hostile YAML document", () => {
  const served = appPerFile(TEST_DIALECTS[0] as (typeof TEST_DIALECTS)[number], {
    library: [writeLibrary(minimalPlan(), minimalProcedure())],
    auth: "trust-local",
  });

  it("answers 422 problem+json with the reason and its position", async () => {
    for (const [yaml, reason] of [
      [yamlAliasBomb(), /aliases expand too much/],
      [deepFlow(5000), /nested/],
      [deepFlow(80), /nested deeper than 64 levels/],
    ] as const) {
      const res = await served.app.inject({
        method: "POST",
        url: "/api/v1/documents",
        headers: { "content-type": "application/yaml" },
        payload: yaml,
      });
      expect(res.statusCode, res.body).toBe(422);
      expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect(res.json().errors[0]).toMatchObject({
        message: expect.stringMatching(reason),
        line: expect.any(Number),
        column: expect.any(Number),
      });
    }
  });
});
