import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../test/support/databases.js";
import {
  minimalPlan,
  minimalProcedure,
  procedureStep,
  toYaml,
} from "../../test/support/documents.js";
import { systemActor } from "../domain/actor.js";
import { fixedClock } from "../domain/clock.js";
import { DomainError } from "../domain/errors.js";
import type { Db } from "../store/connect.js";
import { documentRepo } from "../store/document.repo.js";
import { currentPlan, importDocuments, lintCurrent, uploadDocuments } from "./document.service.js";
import type { DocumentStore } from "./document.types.js";
import { parseDocuments } from "./yaml-loader.js";

const actor = systemActor("test");
const clock = fixedClock("2026-11-23T12:00:00Z");
const parsed = (...docs: Record<string, unknown>[]) => parseDocuments(toYaml(...docs), "lib.yml");

describe.each(TEST_DIALECTS)("documents on $name", (dialect) => {
  let db: Db;
  let store: DocumentStore;
  beforeEach(async (ctx) => {
    if (dialect.skip) return ctx.skip(dialect.skip);
    db = await dialect.open();
    store = documentRepo(db);
  });
  afterEach(async () => db?.close());

  it("stores a library once and makes a new version only when content changes", async () => {
    const first = await importDocuments(
      store,
      parsed(minimalPlan(), minimalProcedure()),
      actor,
      clock,
      "sync",
    );
    expect(first.stored.map((d) => `${d.kind}/${d.id}@v${d.version}`)).toEqual([
      "plan/test-plan@v1",
      "procedure/malware@v1",
    ]);

    const again = await importDocuments(
      store,
      parsed(minimalPlan(), minimalProcedure()),
      actor,
      clock,
      "sync",
    );
    expect(again.stored).toEqual([]);
    expect(again.unchanged).toHaveLength(2);

    const changed = await importDocuments(
      store,
      parsed(minimalPlan({ mission: "Respond well." }), minimalProcedure()),
      actor,
      clock,
      "sync",
    );
    expect(changed.stored.map((d) => `${d.kind}/${d.id}@v${d.version}`)).toEqual([
      "plan/test-plan@v2",
    ]);

    const versions = await store.versions("plan", "test-plan");
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
    expect((versions[1]?.body as { mission: string } | undefined)?.mission).toBe("Respond.");
    expect((await currentPlan(store)).body.mission).toBe("Respond well.");
  });

  it("keeps an upload across a restart that re-reads the older library file", async () => {
    await importDocuments(store, parsed(minimalPlan(), minimalProcedure()), actor, clock, "sync");
    await uploadDocuments(store, toYaml(minimalPlan({ mission: "Uploaded." })), actor, clock);
    await importDocuments(store, parsed(minimalPlan(), minimalProcedure()), actor, clock, "sync");
    expect((await currentPlan(store)).body.mission).toBe("Uploaded.");
    // An explicit upload of the old content is a revert, and so a new version.
    const revert = await uploadDocuments(store, toYaml(minimalPlan()), actor, clock);
    expect(revert.stored.map((d) => d.version)).toEqual([3]);
  });

  it("stores nothing from an upload whose set does not lint, and says where", async () => {
    await importDocuments(store, parsed(minimalPlan(), minimalProcedure()), actor, clock, "sync");
    const proc = minimalProcedure({ version: "2" });
    (proc.steps as Record<string, unknown[]>).containment = [procedureStep("isolate", "janitor")];
    const error = await uploadDocuments(
      store,
      toYaml(minimalPlan({ mission: "Changed." }), proc),
      actor,
      clock,
    ).catch((e) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe("invalid_document");
    expect(error.details).toEqual([
      expect.objectContaining({
        file: "upload",
        message: "role 'janitor' is not defined in the plan",
        line: expect.any(Number),
      }),
    ]);
    expect((await store.versions("plan", "test-plan")).length).toBe(1);
    expect((await store.versions("procedure", "malware")).length).toBe(1);
  });

  it("lints what is in force, pointing into the stored version", async () => {
    await importDocuments(
      store,
      parsed(
        minimalPlan({ review: { cycle: "P1M", last_review: "2026-01-01" } }),
        minimalProcedure(),
      ),
      actor,
      clock,
      "sync",
    );
    const report = await lintCurrent(store, clock);
    expect(report.errors).toBe(0);
    expect(report.findings[0]).toMatchObject({ level: "warning", file: "plan/test-plan@v1" });
  });
});
