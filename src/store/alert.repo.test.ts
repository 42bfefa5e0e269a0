import { afterEach, describe, expect, it } from "vitest";
import { event, FIXTURE_NOW, sighting } from "../../test/support/alert-fixtures.js";
import { TEST_DIALECTS } from "../../test/support/databases.js";
import { detectionStores } from "./alert.repo.js";
import type { Db } from "./connect.js";

const NOW = FIXTURE_NOW;

describe.each(TEST_DIALECTS)("detection stores on $name", (dialect) => {
  let db: Db | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });
  const open = async (ctx: { skip: (why?: string) => void }) => {
    if (dialect.skip) ctx.skip(dialect.skip);
    db = await dialect.open();
    return detectionStores(db);
  };

  it("one live alert per key: sightings add up, resolve ends it, the next opens another", async (ctx) => {
    const s = await open(ctx);
    const first = await s.alerts.sight(sighting({ count: 2 }), NOW);
    expect(first.created).toBe(true);
    const later = "2026-11-23T09:00:00.000Z";
    const earlier = "2026-11-23T07:00:00.000Z";
    const second = await s.alerts.sight(
      sighting({ first_seen: earlier, last_seen: later, title: "Newer title" }),
      later,
    );
    expect(second).toMatchObject({ created: false, alert: { id: first.alert.id, count: 3 } });
    expect(second.alert).toMatchObject({
      first_seen: earlier,
      last_seen: later,
      title: "Newer title",
    });
    await s.alerts.update(first.alert.id, { status: "resolved", resolved_at: later }, later);
    const third = await s.alerts.sight(sighting(), later);
    expect(third.created).toBe(true);
    expect(third.alert.id).not.toBe(first.alert.id);
    expect((await s.alerts.live("rule", "r1:host=a"))?.id).toBe(third.alert.id);
  });

  it("a key with a lone surrogate (valid JSON) is one alert however the driver stores text", async (ctx) => {
    const s = await open(ctx);
    const first = await s.alerts.sight(sighting({ dedup_key: "x\ud800" }), NOW);
    expect(first.alert.dedup_key).toBe("x\ufffd");
    const again = await s.alerts.sight(sighting({ dedup_key: "x\udfff" }), NOW);
    expect(again).toMatchObject({ created: false, alert: { id: first.alert.id, count: 2 } });
  });

  it("concurrent sightings of one key never open two alerts", async (ctx) => {
    const s = await open(ctx);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => s.alerts.sight(sighting({ scope: "int-1" }), NOW)),
    );
    expect(new Set(results.map((r) => r.alert.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect((await s.alerts.live("int-1", "r1:host=a"))?.count).toBe(20);
  });

  it("a suppressed alert reopens when it repeats after its suppression ran out", async (ctx) => {
    const s = await open(ctx);
    const { alert } = await s.alerts.sight(sighting(), NOW);
    await s.alerts.update(
      alert.id,
      { status: "suppressed", suppressed_until: "2026-11-23T10:00:00.000Z" },
      NOW,
    );
    expect((await s.alerts.sight(sighting(), "2026-11-23T09:00:00.000Z")).alert.status).toBe(
      "suppressed",
    );
    expect((await s.alerts.sight(sighting(), "2026-11-23T11:00:00.000Z")).alert.status).toBe(
      "open",
    );
  });

  it("stores batches with their links; purges old events but keeps alerts", async (ctx) => {
    const s = await open(ctx);
    const old = event("2026-10-01T00:00:00.000Z");
    const fresh = event(NOW);
    const [res] = await s.events.storeBatch(
      [old, fresh],
      [sighting({ event_ids: [old.id, fresh.id, fresh.id] })],
      NOW,
    );
    const linked = await s.events.forAlert(res?.alert.id as string, 10);
    expect(linked.total).toBe(2);
    expect(linked.items[0]).toMatchObject({
      id: fresh.id,
      raw: { message: "hello \u0000 world", n: 1 },
      entities: { host: "AB", process: { image: "x.exe", pid: "7" } },
    });
    expect(await s.events.purgeBefore("2026-11-01T00:00:00.000Z", 100)).toBe(1);
    expect((await s.events.forAlert(res?.alert.id as string, 10)).total).toBe(1);
    expect(await s.alerts.get(res?.alert.id as string)).toBeDefined();
  });

  it("a batch stores its sightings in bulk as one after the other would", async (ctx) => {
    const s = await open(ctx);
    const ev = event(NOW);
    // Key k1 exists (with a link already), k2 is suppressed and due to reopen, 1,200 keys are new
    // (more than one statement's worth), and k1 comes twice in the batch.
    await s.events.storeBatch([ev], [sighting({ dedup_key: "k1", event_ids: [ev.id] })], NOW);
    await s.alerts.sight(
      sighting({
        dedup_key: "k2",
        status: "suppressed",
        suppression: { id: "sup", until: "2026-11-23T07:00:00.000Z", reason: "noise" },
      }),
      NOW,
    );
    const later = "2026-11-23T09:00:00.000Z";
    const events = Array.from({ length: 3 }, () => event(later));
    const fresh = Array.from({ length: 1200 }, (_, i) =>
      sighting({
        dedup_key: `new${String(i).padStart(4, "0")}`,
        event_ids: [events[0]?.id as string],
      }),
    );
    const batch = [
      sighting({
        dedup_key: "k1",
        count: 2,
        last_seen: later,
        title: "first",
        event_ids: [ev.id, events[1]?.id as string],
      }),
      ...fresh,
      sighting({ dedup_key: "k2", last_seen: later }),
      sighting({
        dedup_key: "k1",
        first_seen: "2026-11-23T07:30:00.000Z",
        last_seen: later,
        title: "second",
        event_ids: [events[2]?.id as string],
      }),
    ];
    const results = await s.events.storeBatch(events, batch, later);
    expect(results).toHaveLength(batch.length);
    expect(results.filter((r) => r.created)).toHaveLength(1200);
    const k1 = results[0]?.alert;
    expect(results[batch.length - 1]?.alert.id).toBe(k1?.id);
    expect(k1).toMatchObject({
      count: 4,
      title: "second",
      first_seen: "2026-11-23T07:30:00.000Z",
      last_seen: later,
      status: "open",
    });
    expect(results[1201]?.alert).toMatchObject({ dedup_key: "k2", status: "open", count: 2 });
    expect(results[1]?.alert).toMatchObject({ dedup_key: "new0000", count: 1, status: "open" });
    expect((await s.events.forAlert(k1?.id as string, 10)).total).toBe(3);
    expect((await s.events.forAlert(results[700]?.alert.id as string, 10)).total).toBe(1);
    // Two batches over the same keys at once (PostgreSQL: row locks in one order, no deadlock).
    const again = () =>
      s.events.storeBatch(
        [],
        fresh.map((f) => ({ ...f, event_ids: [] })),
        later,
      );
    await Promise.all([again(), again()]);
    expect((await s.alerts.live("rule", "new1199"))?.count).toBe(3);
    expect((await s.alerts.list({}, 2000)).items).toHaveLength(1202);
  });

  it("a repeat saying the same keeps the row's content; one saying something new replaces it", async (ctx) => {
    const s = await open(ctx);
    const later = "2026-11-23T09:00:00.000Z";
    await s.alerts.sight(sighting(), NOW);
    const same = await s.alerts.sight(sighting({ last_seen: later }), later);
    expect(same.alert).toMatchObject({ count: 2, last_seen: later, title: "Something odd" });
    const moved = await s.alerts.sight(
      sighting({ last_seen: later, entities: { host: "B", user: "eve" }, payload: { v: 2 } }),
      later,
    );
    expect(moved.alert).toMatchObject({ count: 3, entities: { host: "B", user: "eve" } });
    expect((await s.alerts.get(moved.alert.id))?.payload).toEqual({ v: 2 });
    // The entity columns follow the entities (declaration policies join alerts on them).
    expect(await s.alerts.live("rule", "r1:host=a")).toMatchObject({ count: 3 });
    const byUser = await s.alerts.list({ q: "eve" }, 10);
    expect(byUser.items.map((a) => a.id)).toEqual([moved.alert.id]);
    const back = await s.alerts.sight(sighting({ last_seen: later, level: null }), later);
    expect(back.alert).toMatchObject({ count: 4, level: null, entities: { host: "A" } });
  });

  it("lists newest first with filters and a cursor", async (ctx) => {
    const s = await open(ctx);
    for (let i = 0; i < 5; i++)
      await s.alerts.sight(
        sighting({
          dedup_key: `k${i}`,
          last_seen: `2026-11-23T08:0${i}:00.000Z`,
          severity: i % 2 ? "emergency" : "disaster",
        }),
        NOW,
      );
    const page1 = await s.alerts.list({}, 2);
    expect(page1.items.map((a) => a.dedup_key)).toEqual(["k4", "k3"]);
    const page2 = await s.alerts.list({}, 2, page1.next_cursor as string);
    expect(page2.items.map((a) => a.dedup_key)).toEqual(["k2", "k1"]);
    const page3 = await s.alerts.list({}, 2, page2.next_cursor as string);
    expect(page3).toMatchObject({ next_cursor: null });
    expect((await s.alerts.list({ severity: ["disaster"] }, 10)).items).toHaveLength(3);
    expect((await s.alerts.list({ q: "K3" }, 10)).items).toHaveLength(1);
    expect(
      (await s.alerts.undeclaredSince("2026-11-23T08:03:00.000Z")).map((a) => a.dedup_key),
    ).toEqual(["k3", "k4"]);
  });

  it("integrations are found by key hash; suppressions by time", async (ctx) => {
    const s = await open(ctx);
    await s.integrations.create(
      {
        id: "i1",
        kind: "pagerduty",
        name: "PD",
        key_hint: "abcd",
        mapping: null,
        created_at: NOW,
        created_by: "t",
        last_received_at: null,
      },
      "f".repeat(64),
    );
    expect((await s.integrations.byKeyHash("f".repeat(64)))?.id).toBe("i1");
    expect(await s.integrations.byKeyHash("e".repeat(64))).toBeUndefined();
    await s.integrations.received("i1", "2026-11-23T08:30:00.000Z");
    expect(await s.integrations.list()).toEqual([
      expect.objectContaining({ id: "i1", last_received_at: "2026-11-23T08:30:00.000Z" }),
    ]);
    expect(await s.integrations.list()).toEqual([
      expect.not.objectContaining({ key_hash: expect.anything() }),
    ]);
    await s.suppressions.create({
      id: "s1",
      matcher: { host: "x" },
      reason: "maintenance",
      starts_at: "2026-11-23T09:00:00.000Z",
      expires_at: "2026-11-23T10:00:00.000Z",
      created_at: NOW,
      created_by: "t",
    });
    expect(await s.suppressions.active(NOW)).toHaveLength(0);
    expect(await s.suppressions.active("2026-11-23T09:30:00.000Z")).toHaveLength(1);
    expect(await s.suppressions.active("2026-11-23T10:00:00.000Z")).toHaveLength(0);
    expect(await s.integrations.delete("i1")).toBe(true);
  });
});
