import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../test/support/databases.js";
import { operator } from "../../test/support/response-helpers.js";
import { runtimePerTest } from "../../test/support/runtime.js";
import { throughRetention } from "../../test/support/tamper.js";
import { audit, auditHead, verifyAudit } from "../audit/audit.service.js";
import type { Runtime } from "../runtime.js";
import { declareIncident } from "./incident.service.js";
import { advancePhase } from "./phase.service.js";
import { assignRole } from "./role.service.js";
import { addNote, verifyTimeline } from "./timeline.service.js";

/**
 * Issue 13, item 5: removal and a directly edited incident row are detected, not only a changed
 * entry. Every tampering goes through the retention path, as someone holding the database's
 * credentials could.
 */
describe.each(TEST_DIALECTS)("tamper evidence on $name", (dialect) => {
  let rt: Runtime;
  runtimePerTest(dialect, {}, (fresh) => {
    rt = fresh;
  });

  async function worked() {
    const incident = await declareIncident(
      rt,
      { title: "Invoice lure", type: "phishing", severity: "emergency", commander: "amara-okafor" },
      operator,
    );
    await addNote(rt, incident.id, { text: "Clicked by 3 users" }, operator);
    await advancePhase(rt, incident.id, { override: true, reason: "contain now" }, operator);
    await addNote(rt, incident.id, { text: "Mailboxes purged" }, operator);
    return incident;
  }

  const lastSeq = async (incidentId: string) =>
    (await rt.incidents.timelineRows(incidentId)).at(-1)?.seq ?? 0;

  it("an untouched database verifies, and the replay agrees with every stored field", async () => {
    const incident = await worked();
    await assignRole(rt, incident.id, { role: "commander", person: "daniel-reyes" }, operator);
    await audit(rt, { action: "test.checkpoint", incident: incident.human_id });
    const verdict = await verifyTimeline(rt, incident.id, undefined);
    expect(verdict).toMatchObject({ intact: true });
    expect(verdict.entries).toBe(await lastSeq(incident.id));
    expect(await verifyAudit(rt)).toMatchObject({ intact: true });
    const [entry] = await rt.audit.list({ action: "test.checkpoint" }, 1);
    expect(entry).toMatchObject({
      incident_id: incident.id,
      incident_entries: verdict.entries,
      incident_head: (await rt.incidents.timelineRows(incident.id)).at(-1)?.hash,
    });
  });

  it("deleting the newest timeline entry is named, and the next append does not hide the gap", async () => {
    const incident = await worked();
    const n = await lastSeq(incident.id);
    await throughRetention(rt.db, (tx) =>
      tx
        .deleteFrom("timeline")
        .where("incident_id", "=", incident.id)
        .where("seq", "=", n)
        .execute(),
    );
    const verdict = await verifyTimeline(rt, incident.id, undefined);
    expect(verdict).toMatchObject({ intact: false, entries: n - 1, first_bad_seq: n });
    expect(verdict.reason).toMatch(
      /records \d+ timeline entries .* ends at entry \d+: the newest entries were removed/,
    );

    await addNote(rt, incident.id, { text: "after the removal" }, operator);
    expect(await verifyTimeline(rt, incident.id, undefined)).toMatchObject({
      intact: false,
      first_bad_seq: n + 1,
      reason: `expected entry ${n}; an entry is missing`,
    });
  });

  it("a phase, severity or commander changed in the row is named by field", async () => {
    const incident = await worked();
    await sql`update incidents set phase = 'recovery', severity = 'inconvenience' where id = ${incident.id}`.execute(
      rt.db.kysely,
    );
    const verdict = await verifyTimeline(rt, incident.id, undefined);
    expect(verdict.intact).toBe(false);
    expect(verdict.differences).toEqual([
      { field: "severity", stored: "inconvenience", timeline: "emergency" },
      { field: "phase", stored: "recovery", timeline: "containment" },
    ]);
    expect(verdict.reason).toMatch(/stored phase "recovery" is not "containment"/);

    await sql`update incidents set phase = 'containment', severity = 'emergency', commander = 'mallory' where id = ${incident.id}`.execute(
      rt.db.kysely,
    );
    expect((await verifyTimeline(rt, incident.id, undefined)).differences).toEqual([
      { field: "commander", stored: "mallory", timeline: "amara-okafor" },
    ]);
  });

  it("deleting the newest audit entry is named; a written-down head proves what came before", async () => {
    for (const action of ["test.zero", "test.half", "test.one"]) await audit(rt, { action });
    const head = await auditHead(rt);
    expect(head.entries).toBeGreaterThanOrEqual(3);
    expect(await verifyAudit(rt, head.hash)).toMatchObject({
      intact: true,
      head: { hash: head.hash, seq: head.entries },
    });
    await audit(rt, { action: "test.two" });
    expect(await verifyAudit(rt, head.hash)).toMatchObject({ intact: true });

    await throughRetention(rt.db, (tx) =>
      tx
        .deleteFrom("audit_log")
        .where("seq", "=", head.entries + 1)
        .execute(),
    );
    expect(await verifyAudit(rt)).toMatchObject({
      intact: false,
      first_bad_seq: head.entries + 1,
      reason: expect.stringMatching(/the newest entries were removed/),
    });

    // An attacker who also rewinds the recorded head passes the plain check…
    const cut = head.entries - 1;
    await throughRetention(rt.db, async (tx) => {
      await tx.deleteFrom("audit_log").where("seq", ">", cut).execute();
      const last = await tx
        .selectFrom("audit_log")
        .select("hash")
        .where("seq", "=", cut)
        .executeTakeFirst();
      await tx
        .updateTable("audit_head")
        .set({ hash: last?.hash as string, entries: cut })
        .execute();
    });
    expect(await verifyAudit(rt)).toMatchObject({ intact: true, entries: cut });
    // …but not the head written down elsewhere.
    expect(await verifyAudit(rt, head.hash)).toMatchObject({
      intact: false,
      head: { hash: head.hash, seq: null },
      reason: expect.stringMatching(/is not in the audit log/),
    });
    expect(await verifyAudit(rt, "f".repeat(64))).toMatchObject({ intact: false });
  });

  it("an audit entry about an incident catches a timeline cut back with its row rewritten to match", async () => {
    const incident = await worked();
    await audit(rt, { action: "incident.closed", incident: incident.id });
    const n = await lastSeq(incident.id);
    await throughRetention(rt.db, async (tx) => {
      await tx
        .deleteFrom("timeline")
        .where("incident_id", "=", incident.id)
        .where("seq", "=", n)
        .execute();
      const prev = await tx
        .selectFrom("timeline")
        .select("hash")
        .where("incident_id", "=", incident.id)
        .where("seq", "=", n - 1)
        .executeTakeFirstOrThrow();
      await tx
        .updateTable("incidents")
        .set({ timeline_head: prev.hash, timeline_entries: n - 1 })
        .where("id", "=", incident.id)
        .execute();
    });
    expect(await verifyTimeline(rt, incident.id, undefined)).toMatchObject({ intact: true });
    const verdict = await verifyAudit(rt);
    expect(verdict.intact).toBe(false);
    expect(verdict.reason).toContain(`recorded ${incident.human_id}'s timeline at entry ${n}`);
  });
});
