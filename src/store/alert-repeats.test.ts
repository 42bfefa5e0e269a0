import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { event, FIXTURE_NOW, sighting } from "../../test/support/alert-fixtures.js";
import { TEST_DIALECTS } from "../../test/support/databases.js";
import { waitFor } from "../../test/support/wait.js";
import type { AlertSighting } from "../detection/alert.types.js";
import { Detection, type DetectionStores, REPEAT_FLUSH_MS } from "../detection/detection.js";
import { detectionStores } from "./alert.repo.js";
import type { Db } from "./connect.js";

const NOW = FIXTURE_NOW;
const at = (minute: number) => new Date(Date.parse(NOW) + minute * 60_000).toISOString();
/** One rule's payload and tags, the same objects in every sighting (as `SightingCollector` makes). */
const RULE = { payload: { rule: { id: "r1" } }, tags: ["attack.t1059"] };

/** The rule's sighting of host A by one event at `minute`. */
const sightingAt = (eventId: string, minute: number, over: Partial<AlertSighting> = {}) =>
  sighting({
    entities: { host: "A" },
    ...RULE,
    first_seen: at(minute),
    last_seen: at(minute),
    event_ids: [eventId],
    ...over,
  });
const newEvent = () => event(NOW, { entities: { host: "A" } });

describe.each(TEST_DIALECTS)("deferred alert repeats on $name", (dialect) => {
  let db: Db | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });
  const open = async (ctx: { skip: (why?: string) => void }) => {
    if (dialect.skip) ctx.skip(dialect.skip);
    db = await dialect.open();
    return db;
  };
  /** Stores one event and its sighting of the rule at `minute`; the alert it landed on. */
  const sight = async (s: DetectionStores, minute: number, over: Partial<AlertSighting> = {}) => {
    const e = newEvent();
    const [result] = await s.events.storeBatch([e], [sightingAt(e.id, minute, over)], at(minute));
    return result?.alert.id as string;
  };
  /** An alert attached to an incident, written again since, so that this process knows it settled. */
  const settled = async (s: DetectionStores) => {
    const id = await sight(s, 0);
    await s.alerts.attach([id], randomUUID(), at(0));
    expect(await sight(s, 1)).toBe(id);
    return id;
  };
  const stored = (id: string) =>
    (db as Db).kysely
      .selectFrom("alerts")
      .select(["count", "last_seen"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
  const journal = async () =>
    (await (db as Db).kysely.selectFrom("alert_repeats").select("id").execute()).length;

  it("journals repeats of a settled alert with their batch, and counts them once when read", async (ctx) => {
    const s = detectionStores(await open(ctx));
    const id = await settled(s);
    expect(await sight(s, 2)).toBe(id);
    expect(await sight(s, 3)).toBe(id);
    // Journaled, not yet counted into the row.
    expect(await journal()).toBe(2);
    expect(s.events.repeatsPending).toBe(true);
    expect(Number((await stored(id)).count)).toBe(2);
    // A read through the store counts them first.
    expect(await s.alerts.get(id)).toMatchObject({ count: 4, last_seen: at(3) });
    expect(await journal()).toBe(0);
    expect((await s.events.forAlert(id, 10)).total).toBe(4);
    await s.events.flushRepeats();
    expect(Number((await stored(id)).count)).toBe(4);
  });

  it("a read answers the stored counts when the flush before it fails", async (ctx) => {
    const database = await open(ctx);
    const s = detectionStores(database);
    const id = await settled(s);
    await sight(s, 2);
    // The journal gone, the flush cannot take it: the read must not fail with it.
    await sql`drop table alert_repeats`.execute(database.kysely);
    expect(await s.alerts.get(id)).toMatchObject({ count: 2 });
  });

  it("a journal left by a stopped process is counted by another, once", async (ctx) => {
    const database = await open(ctx);
    const crashed = detectionStores(database);
    const id = await settled(crashed);
    await sight(crashed, 2);
    const next = detectionStores(database);
    await next.events.flushRepeats();
    expect(Number((await stored(id)).count)).toBe(3);
    // The first process flushing afterwards finds nothing left to count.
    await crashed.events.flushRepeats();
    expect(await next.alerts.get(id)).toMatchObject({ count: 3, last_seen: at(2) });
  });

  it("a sighting saying something new is written at once", async (ctx) => {
    const s = detectionStores(await open(ctx));
    const id = await settled(s);
    expect(await sight(s, 2, { entities: { host: "A", user: "eve" } })).toBe(id);
    expect(await journal()).toBe(0);
    expect(await stored(id)).toMatchObject({ last_seen: at(2) });
  });

  it("a status changed here makes the next sighting open a new alert at once", async (ctx) => {
    const s = detectionStores(await open(ctx));
    const id = await settled(s);
    await s.alerts.update(id, { status: "resolved", resolved_at: at(2) }, at(2));
    const next = await sight(s, 3);
    expect(next).not.toBe(id);
    expect(await journal()).toBe(0);
  });

  it("a status changed by another process is noticed at the next flush", async (ctx) => {
    const database = await open(ctx);
    const here = detectionStores(database);
    const id = await settled(here);
    await detectionStores(database).alerts.update(id, { status: "resolved" }, at(2));
    // Until a flush tells this process, its repeats count on the alert they were seen on.
    expect(await sight(here, 3)).toBe(id);
    await here.events.flushRepeats();
    expect(Number((await stored(id)).count)).toBe(3);
    const next = await sight(here, 4);
    expect(next).not.toBe(id);
  });

  it("the pipeline counts what it deferred within a second, unasked", async (ctx) => {
    const stores = detectionStores(await open(ctx));
    const detection = new Detection(stores, { library: [], rules: [], detectionThreads: 0 });
    const id = await settled(stores);
    const e = newEvent();
    await detection.store([e], [sightingAt(e.id, 2)], at(2));
    expect(Number((await stored(id)).count)).toBe(2);
    await waitFor(
      "the repeat counted",
      async () => Number((await stored(id)).count) === 3,
      REPEAT_FLUSH_MS + 2_000,
    );
    await detection.close();
  });
});
