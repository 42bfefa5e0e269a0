import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadRules, SigmaEngine } from "../sigma/index.js";
import { matchInOrder } from "./ordered.js";
import { DetectionPool, DetectionPoolError } from "./pool.js";

const dir = mkdtempSync(join(tmpdir(), "firebreak-pool-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const rulesFile = join(dir, "rules.yml");
writeFileSync(
  rulesFile,
  `title: whoami
logsource: {product: windows, category: process_creation}
detection:
    sel: {Image|endswith: '\\whoami.exe'}
    condition: sel
---
title: failed logon
name: failed
logsource: {product: windows, service: security}
detection:
    sel: {EventID: 4625}
    condition: sel
---
title: many failures
correlation:
    type: event_count
    rules: [failed]
    group-by: [TargetUserName]
    timespan: 1m
    condition: {gte: 3}
`,
);

/** Process starts and failed logons of a few users, some without a time. */
const events = Array.from({ length: 3000 }, (_, i) =>
  i % 3 === 0
    ? {
        EventID: 1,
        Channel: "Microsoft-Windows-Sysmon/Operational",
        Image: i % 9 === 0 ? "C:\\Windows\\System32\\whoami.exe" : "C:\\x.exe",
        UtcTime: "2025-01-01 00:00:00.000",
      }
    : {
        Channel: "Security",
        EventID: 4625,
        TargetUserName: ["ann", "bob", "cat"][i % 3],
        ...(i % 7 === 0
          ? {}
          : { "@timestamp": new Date(Date.UTC(2025, 0, 1) + i * 5000).toISOString() }),
      },
);

async function transcript(engine: SigmaEngine, pool: DetectionPool | undefined) {
  const out: unknown[] = [];
  const results = matchInOrder(events, {
    engine,
    pool: () => pool,
    event: (e) => e as Record<string, unknown>,
    mode: "normalized",
  });
  let index = 0;
  for await (const batch of results)
    for (const r of batch) {
      out.push([index, r.matches.map((m) => [m.rule.title, m.matched_fields])]);
      if (r.correlation)
        for (const c of engine.correlate({ ...r.correlation, ref: index }))
          out.push([index, c.correlation.title, c.group, c.refs]);
      index++;
    }
  return out;
}

describe("DetectionPool", () => {
  const spec = { paths: [rulesFile], engine: { explain: true } };

  it("gives the same matches, explanations and correlations as one thread, in order", async () => {
    const set = loadRules([rulesFile]);
    expect(set.failures).toEqual([]);
    const expected = await transcript(new SigmaEngine(set, { explain: true }), undefined);
    expect(expected.some((x) => (x as unknown[])[1] === "many failures")).toBe(true);
    const engine = new SigmaEngine(set, { explain: true });
    const pool = await DetectionPool.start(2, spec, engine);
    try {
      expect(await transcript(engine, pool)).toEqual(expected);
    } finally {
      await pool.close();
    }
    // A closed (or failed) pool is not used: the same results, matched inline.
    expect(pool.usable).toBe(false);
    expect(await transcript(new SigmaEngine(set, { explain: true }), pool)).toEqual(expected);
  }, 60_000);

  it("matches NDJSON lines sent as bytes like the same events one by one", async () => {
    const set = loadRules([rulesFile]);
    const expected = await transcript(new SigmaEngine(set, { explain: true }), undefined);
    // The events as the reader's `lines` batches (a broken line among them), on the pool and
    // inline: the same transcript, and the broken line's text comes back with it.
    const texts = events.map((e) => JSON.stringify(e));
    texts.splice(1000, 0, '{"broken" 1}');
    const items = Array.from({ length: Math.ceil(texts.length / 300) }, (_, i) => {
      const part = texts.slice(i * 300, i * 300 + 300);
      return { bytes: new TextEncoder().encode(part.join("\n")), count: part.length };
    });
    const engine = new SigmaEngine(set, { explain: true });
    const pool = await DetectionPool.start(2, spec, engine);
    try {
      for (const p of [pool, undefined]) {
        const e = p ? engine : new SigmaEngine(set, { explain: true });
        const out: unknown[] = [];
        const broken: unknown[] = [];
        let index = 0;
        const results = matchInOrder(items, {
          engine: e,
          pool: () => p,
          event: () => ({}),
          lines: (item) => item,
          mode: "normalized",
        });
        for await (const batch of results)
          for (const r of batch) {
            if (r.unreadable) {
              broken.push([r.at, r.text]);
              continue;
            }
            out.push([index, r.matches.map((m) => [m.rule.title, m.matched_fields])]);
            if (r.correlation)
              for (const c of e.correlate({ ...r.correlation, ref: index }))
                out.push([index, c.correlation.title, c.group, c.refs]);
            index++;
          }
        expect(out).toEqual(expected);
        expect(broken).toEqual([[100, '{"broken" 1}']]);
      }
    } finally {
      await pool.close();
    }
  }, 60_000);

  it("takes the caller's event times (null: no time)", async () => {
    const set = loadRules([rulesFile]);
    const engine = new SigmaEngine(set);
    const pool = await DetectionPool.start(1, { paths: [rulesFile] }, engine);
    try {
      const failed = JSON.stringify({ Channel: "Security", EventID: 4625, TargetUserName: "x" });
      const [a, b] = await pool.match({ texts: [failed, failed], times: [1234, null] });
      expect(a?.correlation).toMatchObject({ time: 1234, hits: [{ name: "failed" }] });
      expect(b?.correlation).toBeUndefined();
    } finally {
      await pool.close();
    }
  }, 60_000);

  it("refuses to start when the workers' rules differ from the caller's", async () => {
    const other = join(dir, "other.yml");
    writeFileSync(
      other,
      "title: a\nlogsource: {product: x}\ndetection:\n  s: {a: 1}\n  condition: s\n",
    );
    const engine = new SigmaEngine(loadRules([other]));
    writeFileSync(
      other,
      "title: b\nlogsource: {product: x}\ndetection:\n  s: {b: 1}\n  condition: s\n",
    );
    const start = DetectionPool.start(1, { paths: [other] }, engine);
    await expect(start).rejects.toThrow(DetectionPoolError);
    await expect(start).rejects.toThrow(/rules differ/);
  }, 60_000);
});
