import { describe, expect, it } from "vitest";
import { type CorrelationMatch, compileRules, parseTimespan, SigmaEngine } from "./index.js";

const MIN = 60_000;

function feed(
  engine: SigmaEngine,
  events: [number, Record<string, unknown>][],
): CorrelationMatch[] {
  const out: CorrelationMatch[] = [];
  events.forEach(([t, e], i) => {
    out.push(...engine.process(e, { time: t, ref: i }).correlations);
  });
  return [...out, ...engine.flush()];
}

/** The specification's example: multiple failed logins followed by a successful one. */
const BRUTE_FORCE = `title: Correlation - Multiple Failed Logins Followed by Successful Login
id: b180ead8-d58f-40b2-ae54-c8940995b9b6
correlation:
    type: temporal_ordered
    rules:
        - multiple_failed_login
        - successful_login
    group-by:
        - User
    timespan: 10m
level: high
---
title: Multiple failed logons
id: a8418a5a-5fc4-46b5-b23b-6c73beb19d41
name: multiple_failed_login
correlation:
    type: event_count
    rules:
        - failed_login
    group-by:
        - User
    timespan: 10m
    condition:
        gte: 10
---
title: Single failed login
id: 53ba33fd-3a50-4468-a5ef-c583635cfa92
name: failed_login
logsource:
    product: windows
    service: security
detection:
    selection:
        EventID:
            - 529
            - 4625
    condition: selection
---
title: Successful login
id: 4d0a2c83-c62c-4ed4-b475-c7e23a9269b8
name: successful_login
logsource:
    product: windows
    service: security
detection:
    selection:
        EventID:
            - 528
            - 4624
    condition: selection
`;

const security = (id: number, user: string) => ({ Channel: "Security", EventID: id, User: user });

describe("correlations", () => {
  it("chains correlations in one multi-document file", () => {
    const set = compileRules([{ file: "bf.yml", text: BRUTE_FORCE }]);
    expect(set.failures).toEqual([]);
    expect(set.correlations).toHaveLength(2);
    const events: [number, Record<string, unknown>][] = [];
    for (let i = 0; i < 10; i++) events.push([i * 1000, security(4625, "alice")]);
    events.push([20_000, security(4624, "alice")]);
    events.push([21_000, security(4624, "bob")]);
    const fired = feed(new SigmaEngine(set), events);
    // Only the outermost correlation is reported; the inner one feeds it.
    expect(fired.map((c) => [c.correlation.id, c.group])).toEqual([
      ["b180ead8-d58f-40b2-ae54-c8940995b9b6", { User: "alice" }],
    ]);
    // Rules referenced by a correlation are not standalone alerts.
    expect(new SigmaEngine(set).match(security(4624, "x"))).toEqual([]);
  });

  it("needs the order and the timespan", () => {
    const set = compileRules([{ file: "bf.yml", text: BRUTE_FORCE }]);
    const success = security(4624, "alice");
    const wrongOrder: [number, Record<string, unknown>][] = [[0, success]];
    for (let i = 0; i < 10; i++) wrongOrder.push([1000 + i, security(4625, "alice")]);
    expect(feed(new SigmaEngine(set), wrongOrder)).toEqual([]);
    const tooLate: [number, Record<string, unknown>][] = [];
    for (let i = 0; i < 10; i++) tooLate.push([i, security(4625, "alice")]);
    tooLate.push([11 * MIN, success]);
    expect(feed(new SigmaEngine(set), tooLate)).toEqual([]);
  });

  it("generate: true keeps the referenced rules as standalone rules", () => {
    const text = BRUTE_FORCE.replace("level: high", "level: high\ngenerate: true");
    const set = compileRules([{ file: "bf.yml", text }]);
    expect(new SigmaEngine(set).match(security(4624, "x")).map((m) => m.rule.name)).toEqual([
      "successful_login",
    ]);
  });

  it("aliases group different fields of different rules", () => {
    const text = `title: Internal error then connection back
id: 11111111-2222-4333-8444-555555555555
correlation:
    type: temporal
    rules:
        - internal_error
        - new_network_connection
    group-by:
        - internal_ip
        - remote_ip
    timespan: 10s
    aliases:
        internal_ip:
            internal_error: destination.ip
            new_network_connection: source.ip
        remote_ip:
            internal_error: source.ip
            new_network_connection: destination.ip
---
title: internal error
name: internal_error
logsource: {category: webserver}
detection:
    selection:
        http.response.status_code: 500
    condition: selection
---
title: new connection
name: new_network_connection
logsource: {category: network_connection}
detection:
    selection:
        event.type: connection
    condition: selection
`;
    const set = compileRules([{ file: "a.yml", text }]);
    expect(set.failures).toEqual([]);
    const err = {
      http: { response: { status_code: 500 } },
      source: { ip: "203.0.113.9" },
      destination: { ip: "10.0.0.5" },
    };
    const back = (dst: string) => ({
      event: { type: "connection" },
      source: { ip: "10.0.0.5" },
      destination: { ip: dst },
    });
    expect(
      feed(new SigmaEngine(set), [
        [0, err],
        [5000, back("198.51.100.1")],
      ]),
    ).toEqual([]);
    const fired = feed(new SigmaEngine(set), [
      [0, err],
      [5000, back("203.0.113.9")],
    ]);
    expect(fired.map((c) => c.group)).toEqual([
      { internal_ip: "10.0.0.5", remote_ip: "203.0.113.9" },
    ]);
    expect(
      feed(new SigmaEngine(set), [
        [0, err],
        [11_000, back("203.0.113.9")],
      ]),
    ).toEqual([]);
  });

  it("judges lt/lte/eq conditions when the window ends", () => {
    const text = `title: Too few heartbeats
id: 22222222-2222-4222-8222-222222222222
correlation:
    type: event_count
    rules: [heartbeat]
    group-by: [host]
    timespan: 10m
    condition:
        lt: 3
---
title: heartbeat
name: heartbeat
logsource: {product: test}
detection:
    sel: {msg: heartbeat}
    condition: sel
`;
    const set = compileRules([{ file: "h.yml", text }]);
    expect(set.failures).toEqual([]);
    const hb = (host: string) => ({ msg: "heartbeat", host });
    const engine = new SigmaEngine(set);
    const fired = feed(engine, [
      [0, hb("a")],
      [MIN, hb("a")],
      [2 * MIN, hb("b")],
      [3 * MIN, hb("b")],
      [4 * MIN, hb("b")],
      [11 * MIN, hb("a")],
    ]);
    // Host a had 2 heartbeats in its first window (ended at 10m): fires; b had 3: no.
    // The second window of a (one heartbeat at 11m) ends at flush: fires as well.
    expect(fired.map((c) => [c.group, c.value])).toEqual([
      [{ host: "a" }, 2],
      [{ host: "a" }, 1],
    ]);
  });

  it("reports broken correlations without stopping the rest", () => {
    const text = `title: c1
correlation:
    type: event_count
    rules: [nope]
    group-by: [x]
    timespan: 5m
    condition: {gte: 2}
---
title: c2
correlation:
    type: bogus
    rules: [r]
    timespan: 5m
---
title: c3
correlation:
    type: value_count
    rules: [r]
    timespan: 5m
    condition: {gte: 2}
---
title: c4
correlation:
    type: event_count
    rules: [r]
    timespan: 5 minutes
    condition: {gte: 2}
---
title: r
name: r
logsource: {product: test}
detection:
    sel: {a: 1}
    condition: sel
`;
    const set = compileRules([{ file: "bad.yml", text }]);
    const reasons = set.failures.map((f) => f.reason);
    expect(reasons).toHaveLength(4);
    expect(reasons[0]).toMatch(/unknown correlation type 'bogus'/);
    expect(reasons[1]).toMatch(/needs 'condition.field'/);
    expect(reasons[2]).toMatch(/invalid timespan '5 minutes'/);
    expect(reasons[3]).toMatch(
      /line 4, column \d+: correlation.rules: correlation references unknown rule\(s\): nope/,
    );
    expect(set.rules.map((r) => r.name)).toEqual(["r"]);
  });

  it("parses timespans", () => {
    expect(parseTimespan("30s")).toBe(30_000);
    expect(parseTimespan("90m")).toBe(90 * MIN);
    expect(parseTimespan("1h")).toBe(60 * MIN);
    expect(parseTimespan("2d")).toBe(2 * 24 * 60 * MIN);
    expect(() => parseTimespan("1x")).toThrow();
  });
});
