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

describe.each(TEST_DIALECTS)("documents on $name", (dialect) => {
  let db: Db;
  let store: DocumentStore;
  beforeEach(async (ctx) => {
    if (dialect.skip) return ctx.skip(dialect.skip);
    db = await dialect.open();
    store = documentRepo(db);
  });
  afterEach(async () => db?.close());
  /** Syncs the library made of `docs` into the store, as the server does at start. */
  const sync = (...docs: Record<string, unknown>[]) =>
    importDocuments(store, parseDocuments(toYaml(...docs), "lib.yml"), actor, clock, "sync");

  it("stores a library once and makes a new version only when content changes", async () => {
    const first = await sync(minimalPlan(), minimalProcedure());
    expect(first.stored.map((d) => `${d.kind}/${d.id}@v${d.version}`)).toEqual([
      "plan/test-plan@v1",
      "procedure/malware@v1",
    ]);

    const again = await sync(minimalPlan(), minimalProcedure());
    expect(again.stored).toEqual([]);
    expect(again.unchanged).toHaveLength(2);

    const changed = await sync(minimalPlan({ mission: "Respond well." }), minimalProcedure());
    expect(changed.stored.map((d) => `${d.kind}/${d.id}@v${d.version}`)).toEqual([
      "plan/test-plan@v2",
    ]);

    expect(first.inForce).toBe(true);
    expect(changed.inForce).toBe(false);

    const versions = await store.versions("plan", "test-plan");
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
    expect((versions[1]?.body as { mission: string } | undefined)?.mission).toBe("Respond.");
    // The first load is in force at once; a later change is a draft, readable by its version.
    expect((await currentPlan(store)).body.mission).toBe("Respond.");
    expect((await store.get("plan", "test-plan"))?.version).toBe(1);
    expect(
      ((await store.get("plan", "test-plan", 2))?.body as { mission: string } | undefined)?.mission,
    ).toBe("Respond well.");
    // Only a decision (an approval, see plan-review.service) changes what is in force.
    await store.setState(
      {
        kind: "plan",
        id: "test-plan",
        state: "in_force",
        version: 2,
        hash: versions[0]?.hash ?? "",
        reason: "test",
      },
      actor,
      clock.now(),
    );
    expect((await currentPlan(store)).body.mission).toBe("Respond well.");
    expect((await store.states("plan", "test-plan")).map((s) => [s.n, s.version])).toEqual([
      [1, 1],
      [2, 2],
    ]);
  });

  it("writes no document into a database that has some unless asked; retired ones are out of force", async () => {
    await sync(minimalPlan(), minimalProcedure());
    expect(await store.isEmpty()).toBe(false);
    const upload = await uploadDocuments(
      store,
      toYaml(minimalPlan({ mission: "Uploaded." })),
      actor,
      clock,
    );
    expect(upload).toMatchObject({ inForce: false, stored: [{ version: 2 }] });
    // Re-reading the older library file proposes nothing: its text was stored before.
    const resync = await sync(minimalPlan());
    expect(resync.stored).toEqual([]);
    // An upload of the text in force, or of the pending draft, is no change.
    expect((await uploadDocuments(store, toYaml(minimalPlan()), actor, clock)).stored).toEqual([]);
    expect(
      (await uploadDocuments(store, toYaml(minimalPlan({ mission: "Uploaded." })), actor, clock))
        .stored,
    ).toEqual([]);
    expect((await currentPlan(store)).body.mission).toBe("Respond.");

    await store.setState(
      {
        kind: "procedure",
        id: "malware",
        state: "retired",
        version: null,
        hash: null,
        reason: "unused",
      },
      actor,
      clock.now(),
    );
    expect(await store.current("procedure")).toEqual([]);
    expect(await store.get("procedure", "malware")).toBeUndefined();
    expect((await store.get("procedure", "malware", 1))?.version).toBe(1);
  });

  it("stores nothing from an upload whose set does not lint, and says where", async () => {
    await sync(minimalPlan(), minimalProcedure());
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
    await sync(
      minimalPlan({ review: { cycle: "P1M", last_review: "2026-01-01" } }),
      minimalProcedure(),
    );
    const report = await lintCurrent(store, clock);
    expect(report.errors).toBe(0);
    expect(report.findings[0]).toMatchObject({ level: "warning", file: "plan/test-plan@v1" });
  });
});
