/**
 * `process` is `matchEvent` + `correlate`, and the correlation input is enough on its own: a
 * structured clone of it (what crosses a thread) fed to another engine, or an input carrying
 * every field of the event (what the windows could read before the split), gives the same
 * correlations. Run on the kinds of rules the correlation tests use: chained temporal_ordered
 * over event_count, aliases, a window judged at its end (generate: true), and a value_count.
 */
import { describe, expect, it } from "vitest";
import type { CorrelationInput } from "./engine.js";
import { type CorrelationMatch, compileRules, SigmaEngine } from "./index.js";

const RULES = `title: failed then success
id: b180ead8-d58f-40b2-ae54-c8940995b9b6
correlation:
    type: temporal_ordered
    rules: [many_failed, success]
    group-by: [User]
    timespan: 10m
---
title: many failed
id: a8418a5a-5fc4-46b5-b23b-6c73beb19d41
name: many_failed
correlation:
    type: event_count
    rules: [failed]
    group-by: [User]
    timespan: 10m
    condition: {gte: 4}
---
title: failed
name: failed
logsource: {product: windows, service: security}
detection:
    sel: {EventID: 4625}
    condition: sel
---
title: success
name: success
logsource: {product: windows, service: security}
detection:
    sel: {EventID: 4624}
    condition: sel
---
title: error then connection back
correlation:
    type: temporal
    rules: [internal_error, connection]
    group-by: [internal_ip, remote_ip]
    timespan: 10s
    aliases:
        internal_ip: {internal_error: destination.ip, connection: source.ip}
        remote_ip: {internal_error: source.ip, connection: destination.ip}
---
title: internal error
name: internal_error
logsource: {category: webserver}
detection:
    sel: {http.response.status_code: 500}
    condition: sel
---
title: connection
name: connection
logsource: {category: network_connection}
detection:
    sel: {event.type: connection}
    condition: sel
---
title: too few heartbeats
correlation:
    type: event_count
    rules: [heartbeat]
    group-by: [host]
    timespan: 2m
    condition: {lt: 3}
generate: true
---
title: heartbeat
name: heartbeat
logsource: {product: test}
detection:
    sel: {msg: heartbeat}
    condition: sel
---
title: many users from one host
correlation:
    type: value_count
    rules: [heartbeat]
    group-by: [host]
    timespan: 1m
    condition: {field: User, gte: 3}
`;

/** Deterministic stream of security, web, network and heartbeat events, some without a time. */
function stream(
  n: number,
  seed: number,
): { time: number | null; event: Record<string, unknown> }[] {
  let s = seed;
  const next = (k: number) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s % k;
  };
  const users = ["alice", "bob", "carol", "dave"];
  const ips = ["10.0.0.5", "10.0.0.6", "203.0.113.9", "198.51.100.1"];
  const out: { time: number | null; event: Record<string, unknown> }[] = [];
  let t = 0;
  for (let i = 0; i < n; i++) {
    t += next(4) === 0 ? 0 : next(20_000);
    const user = users[next(users.length)];
    const [a, b] = [ips[next(ips.length)], ips[next(ips.length)]];
    const event = [
      { Channel: "Security", EventID: 4625, User: user },
      { Channel: "Security", EventID: 4624, User: user },
      { http: { response: { status_code: 500 } }, source: { ip: a }, destination: { ip: b } },
      { event: { type: "connection" }, source: { ip: a }, destination: { ip: b } },
      { msg: "heartbeat", host: ips[next(2)], User: user },
      { msg: "unrelated" },
    ][next(6)] as Record<string, unknown>;
    out.push({ time: next(25) === 0 ? null : t, event });
  }
  return out;
}

interface Run {
  matches: number[][];
  correlations: CorrelationMatch[];
}

function viaProcess(engine: SigmaEngine, events: ReturnType<typeof stream>): Run {
  const run: Run = { matches: [], correlations: [] };
  events.forEach(({ time, event }, ref) => {
    const r = engine.process(event, { time, ref });
    run.matches.push(r.matches.map((m) => m.rule.index));
    run.correlations.push(...r.correlations);
  });
  run.correlations.push(...engine.flush());
  return run;
}

/** Matching on one engine, windows on another, the input transformed in between. */
function viaSplit(
  matcher: SigmaEngine,
  windows: SigmaEngine,
  events: ReturnType<typeof stream>,
  carry: (input: CorrelationInput, event: Record<string, unknown>) => CorrelationInput,
): Run {
  const run: Run = { matches: [], correlations: [] };
  events.forEach(({ time, event }, ref) => {
    const r = matcher.matchEvent(event, { time, ref });
    run.matches.push(r.matches.map((m) => m.rule.index));
    if (r.correlation) run.correlations.push(...windows.correlate(carry(r.correlation, event)));
  });
  run.correlations.push(...windows.flush());
  return run;
}

describe("SigmaEngine.matchEvent + correlate", () => {
  const set = compileRules([{ file: "split.yml", text: RULES }]);

  it("compiles the rules", () => {
    expect(set.failures).toEqual([]);
    expect(set.correlations).toHaveLength(5);
  });

  for (const seed of [1, 7, 42]) {
    it(`equals process on a mixed stream (seed ${seed})`, () => {
      const events = stream(3000, seed);
      const expected = viaProcess(new SigmaEngine(set), events);
      // Each rule type fires somewhere, so the comparison covers them.
      const fired = new Set(expected.correlations.map((c) => c.correlation.title));
      expect(fired.size).toBeGreaterThanOrEqual(3);

      const cloned = viaSplit(new SigmaEngine(set), new SigmaEngine(set), events, (input) =>
        structuredClone(input),
      );
      expect(cloned).toEqual(expected);

      const fieldsOf = new SigmaEngine(set);
      const everyField = viaSplit(
        new SigmaEngine(set),
        new SigmaEngine(set),
        events,
        (input, e) => ({
          ...input,
          hits: input.hits.map((h) => ({ ...h, values: fieldsOf.fieldsOf(e) })),
        }),
      );
      expect(everyField).toEqual(expected);
    });
  }

  it("gives no correlation input without a time or without correlation rules", () => {
    const engine = new SigmaEngine(set);
    expect(engine.matchEvent({ msg: "heartbeat", host: "h" }, { time: null }).correlation).toBe(
      undefined,
    );
    const plain = compileRules([
      {
        file: "p.yml",
        text: "title: p\nlogsource: {product: test}\ndetection:\n  s: {a: 1}\n  condition: s\n",
      },
    ]);
    expect(new SigmaEngine(plain).matchEvent({ a: 1 }, { time: 5 })).toEqual({
      matches: [expect.objectContaining({ rule: plain.rules[0] })],
    });
  });
});
