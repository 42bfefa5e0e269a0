import { type Kysely, sql } from "kysely";
import { describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../test/support/databases.js";
import { operator } from "../../test/support/response-helpers.js";
import { runtimePerTest } from "../../test/support/runtime.js";
import { throughRetention } from "../../test/support/tamper.js";
import { audit } from "../audit/audit.service.js";
import { GENESIS_HASH } from "../domain/hash-chain.js";
import { declareIncident } from "../response/incident.service.js";
import { addNote, verifyTimeline } from "../response/timeline.service.js";
import type { Runtime } from "../runtime.js";
import { backfillHeads } from "./migrations/append-only-guard.js";

const refused = /append-only/;

async function seeded(rt: Runtime) {
  const incident = await declareIncident(rt, { title: "Guarded", type: "phishing" }, operator);
  await addNote(rt, incident.id, { text: "first note" }, operator);
  await audit(rt, { action: "test.entry", incident: incident.id });
  return incident;
}

describe.each(TEST_DIALECTS)("append-only timeline and audit tables on $name", (dialect) => {
  let rt: Runtime;
  runtimePerTest(dialect, {}, (fresh) => {
    rt = fresh;
  });

  it("refuse a raw UPDATE or DELETE, and allow them only through the retention path", async () => {
    const incident = await seeded(rt);
    const k = rt.db.kysely;
    const attempts = [
      sql`update timeline set payload = '{}' where incident_id = ${incident.id}`,
      sql`delete from timeline where incident_id = ${incident.id}`,
      sql`update audit_log set target = 'changed'`,
      sql`delete from audit_log`,
      ...(dialect.name === "postgres" ? [sql`truncate timeline`, sql`truncate audit_log`] : []),
    ];
    for (const attempt of attempts) await expect(attempt.execute(k)).rejects.toThrow(refused);
    expect(await verifyTimeline(rt, incident.id, undefined)).toMatchObject({
      intact: true,
      entries: 2,
    });

    await throughRetention(rt.db, (tx) =>
      tx.deleteFrom("audit_log").where("action", "=", "test.entry").execute(),
    );
    expect(await rt.audit.list({ action: "test.entry" }, 10)).toEqual([]);
    // The path closes with its transaction: the next raw change is refused again.
    await expect(sql`delete from timeline`.execute(k)).rejects.toThrow(refused);
  });

  it("backfills the head every existing incident's row keeps", async () => {
    const incident = await seeded(rt);
    const empty = await declareIncident(rt, { title: "Second", type: "phishing" }, operator);
    const before = await rt.incidents.timelineHead(incident.id);
    const emptyBefore = await rt.incidents.timelineHead(empty.id);
    await rt.db.kysely
      .updateTable("incidents")
      .set({ timeline_head: GENESIS_HASH, timeline_entries: 0 })
      .execute();
    await backfillHeads(rt.db.kysely as unknown as Kysely<unknown>);
    expect(await rt.incidents.timelineHead(incident.id)).toEqual(before);
    expect(before.entries).toBe(2);
    expect(await rt.incidents.timelineHead(empty.id)).toEqual(emptyBefore);
    expect(await verifyTimeline(rt, incident.id, undefined)).toMatchObject({ intact: true });
  });
});
