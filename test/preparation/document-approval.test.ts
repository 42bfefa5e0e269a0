import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { auditLog } from "../../src/audit/audit.service.js";
import { importDocuments, uploadDocuments } from "../../src/documents/document.service.js";
import { loadLibrary } from "../../src/documents/library.js";
import {
  documentStatus,
  pendingDocuments,
  retireDocument,
  signVersion,
  submitVersion,
} from "../../src/preparation/plan-review.service.js";
import { declareIncident } from "../../src/response/incident.service.js";
import {
  libraryDifferences,
  loadLibraryIfEmpty,
  type Runtime,
  syncLibrary,
} from "../../src/runtime.js";
import { approveDrafts } from "../support/approval.js";
import { TEST_DIALECTS } from "../support/databases.js";
import { minimalPlan, minimalProcedure, toYaml, writeLibrary } from "../support/documents.js";
import { operator, rejection } from "../support/response-helpers.js";
import { testRuntime } from "../support/runtime.js";

const person = (id: string) => ({ kind: "person" as const, id, name: id });
const member = (id: string, roles: string[]) => ({
  id,
  name: id,
  contacts: [{ channel: "email", address: `${id}@example.org` }],
  roles,
});

/** The test plan with three named approvers of whom two must sign. */
function governedPlan(overrides: Record<string, unknown> = {}) {
  const base = minimalPlan();
  return minimalPlan({
    roles: [
      ...(base.roles as unknown[]),
      {
        id: "approver",
        title: "Approver",
        responsibilities: ["Approve"],
        authority: ["approve_plan"],
      },
    ],
    team: [
      member("ann", ["commander", "approver"]),
      member("bob", ["analyst", "approver"]),
      member("carol", ["approver"]),
      member("dave", ["analyst", "approver"]),
      member("eve", ["analyst"]),
    ],
    approval: { by: ["ann", "bob", "carol"], at: "2026-10-01", quorum: 2 },
    ...overrides,
  });
}

const spare = () =>
  minimalProcedure({
    id: "spare",
    title: "Spare",
    applies_to: { incident_types: ["malware"], severities: ["low"] },
  });

describe.each(TEST_DIALECTS)("document approval ($name)", (dialect) => {
  let rt: Runtime;
  beforeEach(async (ctx) => {
    if (dialect.skip) ctx.skip(dialect.skip);
    rt = await testRuntime(dialect, {
      library: [writeLibrary(governedPlan(), minimalProcedure(), spare())],
    });
  });
  afterEach(async () => rt?.close());

  const actions = async () =>
    (await auditLog(rt, {}, 100)).items.map((e) => `${e.action} ${e.target}`).reverse();

  it("puts a procedure change in force only once the quorum of the plan in force signed its hash, each step audited", async () => {
    const ref = { kind: "procedure" as const, id: "malware" };
    const upload = await uploadDocuments(
      rt.documents,
      toYaml(minimalProcedure({ version: "2", title: "Malware v2" })),
      operator,
      rt.clock,
    );
    expect(upload).toMatchObject({ inForce: false, stored: [{ version: 2 }] });
    const pinned = await declareIncident(rt, { title: "Before", type: "malware" }, operator);
    expect(pinned.procedure_version).toBe(1);
    expect((await rt.documents.get("procedure", "malware"))?.title).toBe("Malware");

    const submitted = await submitVersion(rt, { ...ref, note: "new title" }, person("eve"));
    expect(submitted).toMatchObject({
      version: 2,
      state: "in_review",
      quorum: 2,
      missing: ["ann", "bob", "carol"],
    });
    // dave may approve plans in general, but the plan in force does not name him.
    expect(
      (await rejection(signVersion(rt, { ...ref, decision: "approve" }, person("dave")))).message,
    ).toMatch(/not one of the plan's named approvers/);
    expect(
      (await rejection(signVersion(rt, { ...ref, decision: "approve" }, person("eve")))).code,
    ).toBe("forbidden");
    const one = await signVersion(
      rt,
      { ...ref, decision: "approve", hash: submitted.hash },
      person("ann"),
    );
    expect(one).toMatchObject({ state: "in_review", in_force: false, missing: ["bob", "carol"] });
    expect((await rt.documents.get("procedure", "malware"))?.version).toBe(1);

    const two = await signVersion(rt, { ...ref, decision: "approve" }, person("carol"));
    expect(two).toMatchObject({ state: "approved", in_force: true });
    expect((await rt.documents.get("procedure", "malware"))?.title).toBe("Malware v2");
    const status = await documentStatus(rt, ref);
    expect(status.versions.map((v) => [v.version, v.state])).toEqual([
      [2, "approved"],
      [1, "superseded"],
    ]);
    expect(status.history.map((h) => [h.state, h.version])).toEqual([
      ["in_force", 1],
      ["in_force", 2],
    ]);
    // The running incident keeps the version it pinned; a new one takes v2.
    expect((await rt.incidents.get(pinned.id))?.procedure_version).toBe(1);
    expect(
      (await declareIncident(rt, { title: "After", type: "malware" }, operator)).procedure_version,
    ).toBe(2);

    expect(await actions()).toEqual([
      "document.submitted procedure/malware@v2",
      "document.approved procedure/malware@v2",
      "document.approved procedure/malware@v2",
      "document.in_force procedure/malware@v2",
      "document.superseded procedure/malware@v1",
    ]);
  });

  it("puts a version in force once when the last two approvers sign at the same moment", async () => {
    const ref = { kind: "procedure" as const, id: "malware" };
    await uploadDocuments(
      rt.documents,
      toYaml(minimalProcedure({ version: "2" })),
      operator,
      rt.clock,
    );
    await submitVersion(rt, ref, operator);
    const both = await Promise.all(
      ["ann", "carol"].map((p) => signVersion(rt, { ...ref, decision: "approve" }, person(p))),
    );
    expect(both.some((v) => v.in_force)).toBe(true);
    expect((await rt.documents.states("procedure", "malware")).map((s) => s.version)).toEqual([
      1, 2,
    ]);
    expect((await actions()).filter((a) => a.startsWith("document.in_force"))).toHaveLength(1);
  });

  it("lets only the plan in force name approvers: a draft plan cannot approve itself", async () => {
    await uploadDocuments(
      rt.documents,
      toYaml(governedPlan({ version: "2", approval: { by: ["dave"], at: "2026-11-01" } })),
      operator,
      rt.clock,
    );
    await submitVersion(rt, {}, person("dave"));
    expect((await rejection(signVersion(rt, { decision: "approve" }, person("dave")))).code).toBe(
      "forbidden",
    );
    await signVersion(rt, { decision: "request_changes", comment: "why dave?" }, person("bob"));
    expect((await documentStatus(rt)).pending?.state).toBe("draft");
    expect(await actions()).toContain("document.changes_requested plan/test-plan@v2");

    await submitVersion(rt, { note: "dave approves from now on" }, person("dave"));
    await signVersion(rt, { decision: "approve" }, person("ann"));
    await signVersion(rt, { decision: "approve" }, person("bob"));
    expect((await documentStatus(rt)).current).toMatchObject({ version: 2, in_force: true });
    // From now on the new plan's approver decides, alone.
    await uploadDocuments(
      rt.documents,
      toYaml(minimalProcedure({ version: "2" })),
      operator,
      rt.clock,
    );
    await submitVersion(rt, { kind: "procedure", id: "malware" }, operator);
    expect(
      (
        await rejection(
          signVersion(rt, { kind: "procedure", id: "malware", decision: "approve" }, person("ann")),
        )
      ).code,
    ).toBe("forbidden");
    const v = await signVersion(
      rt,
      { kind: "procedure", id: "malware", decision: "approve" },
      person("dave"),
    );
    expect(v.in_force).toBe(true);
  });

  it("retires a procedure no longer used, but not one the plan needs, and not the plan", async () => {
    const refused = await rejection(
      retireDocument(rt, { kind: "procedure", id: "malware", reason: "old" }, person("ann")),
    );
    expect(refused.code).toBe("invalid_document");
    expect(
      (
        await rejection(
          retireDocument(rt, { kind: "plan", id: "test-plan", reason: "x" }, operator),
        )
      ).code,
    ).toBe("conflict");
    expect(
      (
        await rejection(
          retireDocument(rt, { kind: "procedure", id: "spare", reason: "x" }, person("eve")),
        )
      ).code,
    ).toBe("forbidden");
    expect(
      (await rejection(retireDocument(rt, { kind: "procedure", id: "spare" }, person("ann")))).code,
    ).toBe("invalid_input");

    const retired = await retireDocument(
      rt,
      { kind: "procedure", id: "spare", reason: "merged into malware" },
      person("ann"),
    );
    expect(retired.current).toMatchObject({ version: 1, state: "retired", in_force: false });
    expect((await rt.documents.current("procedure")).map((p) => p.id)).toEqual(["malware"]);
    expect((await rt.documents.get("procedure", "spare", 1))?.title).toBe("Spare");
    expect(await actions()).toEqual(["document.retired procedure/spare@v1"]);
    expect(await pendingDocuments(rt)).toEqual([]);

    // Approving a version brings it back into force.
    await uploadDocuments(rt.documents, toYaml({ ...spare(), version: "2" }), operator, rt.clock);
    await approveDrafts(rt, [{ kind: "procedure", id: "spare", version: 2 }]);
    expect((await rt.documents.get("procedure", "spare"))?.version).toBe(2);
  });

  it("writes the library only into an empty database, or as drafts when synced", async () => {
    const other = writeLibrary(
      governedPlan({ version: "9", mission: "Another mission." }),
      minimalProcedure(),
      spare(),
    );
    const elsewhere = await testRuntime(dialect, { library: [other] }).then(async (fresh) => {
      // A fresh database: the first load is in force at once.
      const states = await fresh.documents.states("plan", "test-plan");
      await fresh.close();
      return states;
    });
    expect(elsewhere).toMatchObject([{ state: "in_force", version: 1 }]);

    const withOther = { ...rt, config: { ...rt.config, library: [other] } } as Runtime;
    expect(await loadLibraryIfEmpty(withOther)).toBeUndefined();
    expect((await rt.documents.versions("plan", "test-plan")).length).toBe(1);
    expect(await libraryDifferences(withOther)).toEqual([
      { document: "plan/test-plan", library: "not stored", in_force: 1 },
    ]);

    const synced = await syncLibrary(withOther, operator);
    expect(synced).toMatchObject({ inForce: false, stored: [{ kind: "plan", version: 2 }] });
    expect(synced.unchanged).toHaveLength(2);
    expect((await rt.documents.get("plan", "test-plan"))?.version).toBe(1);
    expect(await libraryDifferences(withOther)).toEqual([
      { document: "plan/test-plan", library: "draft v2", in_force: 1 },
    ]);
    expect(
      (await pendingDocuments(rt)).map((s) => [
        `${s.kind}/${s.plan_id}`,
        s.current.version,
        s.pending?.version,
      ]),
    ).toEqual([["plan/test-plan", 1, 2]]);
    await approveDrafts(rt, synced.stored);
    expect((await rt.documents.get("plan", "test-plan"))?.version).toBe(2);
    expect(await pendingDocuments(rt)).toEqual([]);
    expect(await libraryDifferences(withOther)).toEqual([]);
  });

  it("stores nothing from a first load that lost the race to another: neither in force nor as drafts", async () => {
    // Two processes on an empty database (a CLI command with another --library and a starting
    // server): the loser found it empty, and reaches the store after the winner's load committed.
    const other = writeLibrary(
      governedPlan({ version: "9", mission: "Another mission." }),
      minimalProcedure(),
      spare(),
    );
    const late = importDocuments(
      rt.documents,
      await loadLibrary([other]),
      operator,
      rt.clock,
      "first",
    );
    await expect(late).rejects.toMatchObject({ code: "conflict" });
    expect((await rt.documents.versions("plan", "test-plan")).map((v) => v.version)).toEqual([1]);
    expect(await rt.documents.states("plan", "test-plan")).toMatchObject([
      { state: "in_force", version: 1 },
    ]);
  });
});
