import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_DIALECTS, type TestDialect } from "../../test/support/databases.js";
import {
  minimalPlan,
  minimalProcedure,
  toYaml,
  writeLibrary,
} from "../../test/support/documents.js";
import { operator } from "../../test/support/response-helpers.js";
import { testRuntime } from "../../test/support/runtime.js";
import { parseDocuments } from "../documents/yaml-loader.js";
import { declareIncident } from "../response/incident.service.js";
import type { Runtime } from "../runtime.js";
import { gatherDossier } from "./dossier.js";

describe("the TLP of an export", () => {
  let rt: Runtime;
  beforeAll(async () => {
    const plan = minimalPlan({ sharing: { default_tlp: "green" } });
    rt = await testRuntime(TEST_DIALECTS[0] as TestDialect, {
      library: [writeLibrary(plan, minimalProcedure())],
    });
  });
  afterAll(() => rt.close());

  it("is the plan's sharing.default_tlp, and red for a restricted incident", async () => {
    const open = await declareIncident(rt, { title: "Worm", type: "malware" }, operator);
    expect((await gatherDossier(rt, open.id, operator)).tlp).toBe("green");
    const secret = await declareIncident(
      rt,
      { title: "Insider", type: "malware", restricted: true },
      operator,
    );
    expect((await gatherDossier(rt, secret.id, operator)).tlp).toBe("red");
  });

  it("refuses, with its line and column, a plan level TLP lacks", () => {
    const { errors } = parseDocuments(
      toYaml(minimalPlan({ sharing: { default_tlp: "orange" } }), minimalProcedure()),
      "set.yml",
    );
    expect(errors).toMatchObject([
      { path: "sharing.default_tlp", line: expect.any(Number), column: expect.any(Number) },
    ]);
    expect(parseDocuments(toYaml(minimalPlan(), minimalProcedure()), "set.yml").errors).toEqual([]);
  });
});
