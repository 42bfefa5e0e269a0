import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PG_URL } from "../../test/support/databases.js";
import { postgresDatabase } from "../../test/support/serve.js";
import type { ClusterStore } from "../detection/cluster.types.js";
import { correlateShared } from "../detection/sigma/correlation-shared.js";
import type { CorrelationInput } from "../detection/sigma/engine.js";
import { type CorrelationMatch, compileRules, SigmaEngine } from "../detection/sigma/index.js";
import { clusterRepo } from "./cluster.repo.js";
import { type Db, migrate, openDatabase } from "./connect.js";

/** Chained (event_count feeding temporal_ordered), distinct values, and a sum. */
const RULES = `title: Guessing then success
id: b180ead8-d58f-40b2-ae54-c8940995b9b6
correlation:
    type: temporal_ordered
    rules: [many_failed, success]
    group-by: [User]
    timespan: 10m
---
title: Many failed logons
id: a8418a5a-5fc4-46b5-b23b-6c73beb19d41
name: many_failed
correlation:
    type: event_count
    rules: [failed]
    group-by: [User]
    timespan: 10m
    condition: {gte: 5}
---
title: One source, many accounts
id: 0f6a1c1e-6a43-4d55-9a51-0b9d3c7e4a01
correlation:
    type: value_count
    rules: [failed]
    group-by: [Ip]
    timespan: 10m
    condition: {gte: 3, field: User}
---
title: Much data out
id: 6b1f0e52-2b7c-4f0e-8d0e-1a2b3c4d5e6f
correlation:
    type: value_sum
    rules: [upload]
    group-by: [Host]
    timespan: 10m
    condition: {gt: 1000, field: Bytes}
---
title: Many uploads
id: 7c2d9e4a-3b1f-4c6d-8e2a-9f0b1c2d3e4f
correlation:
    type: event_count
    rules: [upload]
    group-by: [Host]
    timespan: 10m
    condition: {gte: 5}
---
title: failed
name: failed
logsource: {product: windows, service: security}
detection:
    selection: {EventID: 4625}
    condition: selection
---
title: success
name: success
logsource: {product: windows, service: security}
detection:
    selection: {EventID: 4624}
    condition: selection
---
title: upload
name: upload
logsource: {product: windows, service: security}
detection:
    selection: {EventID: 5156}
    condition: selection
`;

const ev = (EventID: number, more: Record<string, unknown>) => ({
  Channel: "Security",
  EventID,
  ...more,
});

/** A stream in time order: guessing on three accounts from two addresses, uploads, successes. */
function stream(): [number, Record<string, unknown>][] {
  const out: [number, Record<string, unknown>][] = [];
  let t = Date.UTC(2026, 11, 1);
  for (let i = 0; i < 40; i++) {
    t += 1000;
    const user = ["alice", "bob", "carol"][i % 3] as string;
    out.push([t, ev(4625, { User: user, Ip: i % 2 ? "10.0.0.1" : "10.0.0.2" })]);
    if (i % 7 === 0) out.push([t + 1, ev(5156, { Host: "fs01", Bytes: 300 })]);
    if (i % 10 === 9) out.push([t + 2, ev(4624, { User: user })]);
  }
  return out;
}

const shape = (m: CorrelationMatch) => ({
  id: m.correlation.id,
  group: m.group,
  time: m.time,
  refs: m.refs,
});

describe.skipIf(!PG_URL)("cluster store on PostgreSQL", () => {
  let database: { url: string; drop(): Promise<void> };
  let dbs: Db[] = [];
  let nodes: ClusterStore[] = [];
  beforeAll(async () => {
    database = await postgresDatabase();
    dbs = [openDatabase({ url: database.url }), openDatabase({ url: database.url })];
    await migrate(dbs[0] as Db);
    nodes = dbs.map((db) => clusterRepo(db) as ClusterStore);
  });
  afterAll(async () => {
    for (const db of dbs) await db.close();
    await database?.drop();
  });

  it("shared windows fire what one in-memory engine fires, batches alternating between nodes", async () => {
    const set = compileRules([{ file: "c.yml", text: RULES }]);
    expect(set.failures).toEqual([]);
    const events = stream();
    const alone = new SigmaEngine(set);
    const expected = events.flatMap(([t, e], i) =>
      alone.process(e, { time: t, ref: i }).correlations.map(shape),
    );
    expect(new Set(expected.map((m) => m.id)).size).toBe(4);

    // Two nodes, each with its own engine, take batches of 1 to 6 events in turn.
    const engines = [new SigmaEngine(set), new SigmaEngine(set)];
    const actual: ReturnType<typeof shape>[] = [];
    for (let at = 0, batch = 0; at < events.length; batch++) {
      const size = (batch % 6) + 1;
      const node = batch % 2;
      const engine = engines[node] as SigmaEngine;
      const inputs: CorrelationInput[] = [];
      events.slice(at, at + size).forEach(([t, e], k) => {
        const c = engine.matchEvent(e, { time: t, ref: at + k }).correlation;
        if (c && c.hits.length > 0) inputs.push(c);
      });
      const fired = await correlateShared(
        engine.correlationRules,
        inputs,
        nodes[node] as ClusterStore,
      );
      actual.push(...fired.map((f) => shape(f.match)));
      at += size;
    }
    const order = (a: ReturnType<typeof shape>, b: ReturnType<typeof shape>) =>
      a.time - b.time || a.id.localeCompare(b.id);
    expect(actual.sort(order)).toEqual(expected.sort(order));
  });

  it("twenty hits on one group sent at once to two nodes complete exactly four windows of five", async () => {
    const set = compileRules([{ file: "c.yml", text: RULES }]);
    const engine = new SigmaEngine(set);
    const t0 = Date.UTC(2026, 11, 2);
    const fired = await Promise.all(
      Array.from({ length: 20 }, (_, i) => {
        const input = engine.matchEvent(ev(5156, { Host: "db07", Bytes: 1 }), {
          time: t0 + i,
          ref: i,
        }).correlation as CorrelationInput;
        return correlateShared(set.correlations, [input], nodes[i % 2] as ClusterStore);
      }),
    );
    // A lost update would count a hit twice or not at all: four, each of five different events.
    const all = fired.flat().map((f) => f.match);
    expect(all.map((m) => m.correlation.title)).toEqual(Array(4).fill("Many uploads"));
    expect(new Set(all.flatMap((m) => m.refs)).size).toBe(20);
  });

  it("purges the windows no event touched since a time, and only those", async () => {
    const db = dbs[0] as Db;
    await db.kysely.deleteFrom("correlation_windows").execute();
    const node = nodes[0] as ClusterStore;
    for (const group of ["old", "new"])
      await node.updateCorrelationGroup("c1", group, () => JSON.stringify({ group }));
    // Back-date one group's window as if its last event came a month ago.
    const hash = (await db.kysely.selectFrom("correlation_windows").select("group_key").execute())
      .map((r) => r.group_key)
      .sort();
    expect(hash).toHaveLength(2);
    await db.kysely
      .updateTable("correlation_windows")
      .set({ updated_at: "2026-11-01T00:00:00.000Z" })
      .where("state", "=", JSON.stringify({ group: "old" }))
      .execute();
    expect(await node.purgeCorrelationWindows("2026-11-02T00:00:00.000Z")).toBe(1);
    const left = await db.kysely.selectFrom("correlation_windows").select("state").execute();
    expect(left).toEqual([{ state: JSON.stringify({ group: "new" }) }]);
    expect(await node.purgeCorrelationWindows("2026-11-02T00:00:00.000Z")).toBe(0);
  });

  it("exclusive work on two nodes never overlaps", async () => {
    let inside = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        (nodes[i % 2] as ClusterStore).exclusive("test-lock", async () => {
          most = Math.max(most, ++inside);
          await new Promise((r) => setTimeout(r, 10));
          inside--;
        }),
      ),
    );
    expect(most).toBe(1);
  });
});
