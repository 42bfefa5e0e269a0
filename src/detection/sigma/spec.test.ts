/**
 * The example documents of the Sigma specification's test suite (reference/sigma-specification/
 * tests/schema, read from ../shared): rules, filters and correlations, each exercised on events.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { normalizeEvent } from "../events/normalize.js";
import { type CorrelationMatch, compileRules, SigmaEngine } from "./index.js";

const here = fileURLToPath(new URL(".", import.meta.url));
const SPEC = resolve(here, "..", "..", "..", "..", "shared", "reference", "sigma-specification");
const TESTS = join(SPEC, "tests", "schema");
const present = existsSync(TESTS);
if (!present) console.warn(`Sigma specification tests skipped: no specification at ${SPEC}`);

const read = (f: string) => ({ file: f, text: readFileSync(join(TESTS, f), "utf8") });

/** A base rule with the given id or name, matching events whose `kind` field equals `kind`. */
let serial = 0;
function base(ref: string, kind: string, byName = false): { file: string; text: string } {
  serial++;
  const ident = byName
    ? `id: 00000000-0000-4000-8000-${String(serial).padStart(12, "0")}\nname: ${ref}`
    : `id: ${ref}`;
  return {
    file: `${ref}.yml`,
    text: `title: base ${ref}\n${ident}\nlogsource: {product: test}\ndetection:\n    sel: {kind: ${kind}}\n    condition: sel\n`,
  };
}

function run(
  engine: SigmaEngine,
  events: { t: number; e: Record<string, unknown> }[],
): CorrelationMatch[] {
  const out: CorrelationMatch[] = [];
  events.forEach(({ t, e }, i) => {
    out.push(...engine.process(e, { time: t, ref: i }).correlations);
  });
  out.push(...engine.flush());
  return out;
}

const MIN = 60_000;

describe.skipIf(!present)("Sigma specification test documents", () => {
  it("rule_1: Windows application log, Provider_Name", () => {
    const set = compileRules([read("rules/rule_1.yml")]);
    expect(set.failures).toEqual([]);
    const engine = new SigmaEngine(set);
    const ev = (channel: string, provider: string) => ({
      Event: {
        System: {
          Provider: { "#attributes": { Name: provider } },
          EventID: 1000,
          Channel: channel,
        },
        EventData: { Data: ["app.exe", "1.0"] },
      },
    });
    expect(engine.match(ev("Application", "Application Error")).map((m) => m.rule.id)).toEqual([
      "545a5da6-f103-4919-a519-e9aec1026ee4",
    ]);
    expect(engine.match(ev("Application", "Other"))).toEqual([]);
    expect(engine.match(ev("Security", "Application Error"))).toEqual([]);
  });

  it("rule_ecs: ECS DNS event, dotted field", () => {
    const set = compileRules([read("rules/rule_ecs.yml")]);
    expect(set.failures).toEqual([]);
    const engine = new SigmaEngine(set);
    const dns = (name: string) => ({
      event: { category: ["network"] },
      dns: { question: { name } },
    });
    expect(engine.match(dns("SigmaHQ"))).toHaveLength(1);
    expect(engine.match(dns("example.org"))).toEqual([]);
    // A process start is not a DNS event, even with the field.
    const proc = {
      event: { category: ["process"], type: ["start"] },
      dns: { question: { name: "sigmahq" } },
    };
    expect(engine.match(proc)).toEqual([]);
  });

  it("filter_1: excludes adm_ users from the named rules only", () => {
    const rule = (id: string) => ({
      file: `${id}.yml`,
      text: `title: r\nid: ${id}\nlogsource: {category: process_creation, product: windows}\ndetection:\n    sel: {Image|endswith: '\\rar.exe'}\n    condition: sel\n`,
    });
    const set = compileRules([
      read("filter/filter_1.yml"),
      rule("6f3e2987-db24-4c78-a860-b4f4095a7095"),
      rule("11111111-1111-4111-8111-111111111111"),
    ]);
    expect(set.failures).toEqual([]);
    const engine = new SigmaEngine(set);
    const ev = (user: string) => ({
      EventID: 1,
      Channel: "Microsoft-Windows-Sysmon/Operational",
      Image: "C:\\Program Files\\WinRAR\\rar.exe",
      User: user,
    });
    expect(engine.match(ev("bob")).map((m) => m.rule.id)).toEqual([
      "6f3e2987-db24-4c78-a860-b4f4095a7095",
      "11111111-1111-4111-8111-111111111111",
    ]);
    expect(engine.match(ev("adm_bob")).map((m) => m.rule.id)).toEqual([
      "11111111-1111-4111-8111-111111111111",
    ]);
  });

  it("filter_ecs: a filter on an ECS field", () => {
    const rule = {
      file: "r.yml",
      text: `title: r\nid: 6f3e2987-db24-4c78-a860-b4f4095a7095\nlogsource: {category: network, service: dns}\ndetection:\n    sel: {dns.question.name|contains: 'google'}\n    condition: sel\n`,
    };
    const set = compileRules([read("filter/filter_ecs.yml"), rule]);
    expect(set.failures).toEqual([]);
    const engine = new SigmaEngine(set);
    const dns = (name: string) => ({ event: { category: "network" }, dns: { question: { name } } });
    expect(engine.match(dns("mail.google.com"))).toHaveLength(1);
    expect(engine.match(dns("www.google.com"))).toEqual([]);
  });

  it("event_count: 100 failed logins per ComputerName within an hour", () => {
    const set = compileRules([
      read("correlation/event_count.yml"),
      base("5638f7c0-ac70-491d-8465-2a65075e0d86", "fail"),
    ]);
    expect(set.failures).toEqual([]);
    const events = [];
    for (let i = 0; i < 120; i++) {
      events.push({ t: i * 1000, e: { kind: "fail", ComputerName: "A" } });
      if (i < 99) events.push({ t: i * 1000, e: { kind: "fail", ComputerName: "B" } });
    }
    const fired = run(new SigmaEngine(set), events);
    expect(fired.map((c) => [c.correlation.id, c.group, c.value])).toEqual([
      ["0e95725d-7320-415d-80f7-004da920fc11", { ComputerName: "A" }, 100],
    ]);
    // The base rule is only used by the correlation: no standalone matches.
    expect(new SigmaEngine(set).match({ kind: "fail" })).toEqual([]);
  });

  it("event_count (ECS): grouped by a dotted field; a sliding hour", () => {
    const set = compileRules([
      read("correlation/event_count_ecs.yml"),
      base("5638f7c0-ac70-491d-8465-2a65075e0d86", "q"),
    ]);
    expect(set.failures).toEqual([]);
    // 99 events, then a gap over an hour, then 99 more: never 100 within one hour.
    const events = [];
    for (let i = 0; i < 99; i++)
      events.push({ t: i * 1000, e: { kind: "q", dns: { question: { name: "x.org" } } } });
    for (let i = 0; i < 99; i++)
      events.push({
        t: 2 * 60 * MIN + i * 1000,
        e: { kind: "q", dns: { question: { name: "x.org" } } },
      });
    expect(run(new SigmaEngine(set), events)).toEqual([]);
    events.push({
      t: 2 * 60 * MIN + 100_000,
      e: { kind: "q", dns: { question: { name: "x.org" } } },
    });
    expect(run(new SigmaEngine(set), events).map((c) => c.group)).toEqual([
      { "dns.question.name": "x.org" },
    ]);
  });

  it("value_count: 100 distinct users per computer and workstation within a day", () => {
    const set = compileRules([
      read("correlation/value_count.yml"),
      base("5638f7c0-ac70-491d-8465-2a65075e0d86", "fail"),
    ]);
    expect(set.failures).toEqual([]);
    const events = [];
    for (let i = 0; i < 150; i++) {
      events.push({
        t: i * MIN,
        e: { kind: "fail", ComputerName: "dc", WorkstationName: "w1", User: `u${i % 100}` },
      });
      events.push({
        t: i * MIN,
        e: { kind: "fail", ComputerName: "dc", WorkstationName: "w2", User: "same" },
      });
    }
    const fired = run(new SigmaEngine(set), events);
    expect(fired.map((c) => [c.group, c.value])).toEqual([
      [{ ComputerName: "dc", WorkstationName: "w1" }, 100],
    ]);
  });

  it("temporal: three recon rules by the same user on one computer within 5 minutes", () => {
    const set = compileRules([
      read("correlation/temporal.yml"),
      base("recon_cmd_a", "a", true),
      base("recon_cmd_b", "bb", true),
      base("recon_cmd_c", "ccc", true),
    ]);
    expect(set.failures).toEqual([]);
    const who = { ComputerName: "pc", User: "eve" };
    const fired = run(new SigmaEngine(set), [
      { t: 0, e: { kind: "ccc", ...who } },
      { t: MIN, e: { kind: "a", ...who } },
      { t: 2 * MIN, e: { kind: "a", ComputerName: "pc", User: "bob" } },
      { t: 3 * MIN, e: { kind: "bb", ...who } },
    ]);
    expect(fired.map((c) => [c.correlation.title, c.group, c.refs])).toEqual([
      ["Recon", who, [0, 1, 3]],
    ]);
    // Too far apart: no match.
    const late = run(new SigmaEngine(set), [
      { t: 0, e: { kind: "ccc", ...who } },
      { t: MIN, e: { kind: "a", ...who } },
      { t: 6 * MIN, e: { kind: "bb", ...who } },
    ]);
    expect(late).toEqual([]);
  });

  it("temporal_ordered: the rules must match in order", () => {
    const docs = [
      read("correlation/temporal_ordered.yml"),
      base("recon_cmd_a", "a", true),
      base("recon_cmd_b", "bb", true),
      base("recon_cmd_c", "ccc", true),
    ];
    const who = { ComputerName: "pc", User: "eve" };
    const seq = (kinds: string[]) => kinds.map((kind, i) => ({ t: i * MIN, e: { kind, ...who } }));
    expect(run(new SigmaEngine(compileRules(docs)), seq(["ccc", "a", "bb"]))).toEqual([]);
    expect(run(new SigmaEngine(compileRules(docs)), seq(["a", "ccc", "bb", "ccc"]))).toHaveLength(
      1,
    );
    expect(run(new SigmaEngine(compileRules(docs)), seq(["a", "bb", "a", "ccc"]))).toHaveLength(1);
  });

  it("value_sum: more than 1 MB sent per source and user within an hour", () => {
    const set = compileRules([
      read("correlation/value_sum.yml"),
      base("website_access", "web", true),
    ]);
    expect(set.failures).toEqual([]);
    const events = [];
    for (let i = 0; i < 20; i++)
      events.push({
        t: i * MIN,
        e: { kind: "web", SourceIP: "10.0.0.1", User: "u", bytes_sent: 40_000 },
      });
    expect(run(new SigmaEngine(set), events)).toEqual([]);
    events.push({
      t: 31 * MIN,
      e: { kind: "web", SourceIP: "10.0.0.1", User: "u", bytes_sent: "900000" },
    });
    const fired = run(new SigmaEngine(set), events);
    expect(fired.map((c) => c.value)).toEqual([20 * 40_000 + 900_000]);
  });

  it("value_avg: average BytesOut above 500", () => {
    const set = compileRules([read("correlation/value_avg.yml"), base("rule_a_id", "net", true)]);
    expect(set.failures).toEqual([]);
    const ev = (bytes: number) => ({
      kind: "net",
      SourceIP: "10.0.0.1",
      User: "u",
      BytesOut: bytes,
    });
    expect(
      run(new SigmaEngine(set), [
        { t: 0, e: ev(100) },
        { t: 1, e: ev(600) },
      ]),
    ).toEqual([]);
    const fired = run(new SigmaEngine(set), [
      { t: 0, e: ev(100) },
      { t: 1, e: ev(600) },
      { t: 2, e: ev(1000) },
    ]);
    expect(fired.map((c) => c.value)).toEqual([(100 + 600 + 1000) / 3]);
  });

  it("value_percentile: an image rarer than 1% of a computer's processes", () => {
    const set = compileRules([
      read("correlation/value_percentile.yml"),
      base("process_creation", "proc", true),
    ]);
    expect(set.failures).toEqual([]);
    const events = [];
    for (let i = 0; i < 300; i++)
      events.push({ t: i * 1000, e: { kind: "proc", ComputerName: "pc", Image: "svchost.exe" } });
    events.push({ t: 301_000, e: { kind: "proc", ComputerName: "pc", Image: "evil.exe" } });
    const fired = run(new SigmaEngine(set), events);
    expect(fired).toHaveLength(1);
    expect(fired[0]?.refs).toContain(300);
    expect(fired[0]?.value).toBeLessThanOrEqual(1);
  });

  it("normalised events carry their own time", () => {
    const set = compileRules([
      read("correlation/event_count.yml"),
      base("5638f7c0-ac70-491d-8465-2a65075e0d86", "fail"),
    ]);
    const engine = new SigmaEngine(set);
    let fired = 0;
    for (let i = 0; i < 100; i++) {
      const ev = normalizeEvent({
        kind: "fail",
        ComputerName: "A",
        "@timestamp": new Date(Date.UTC(2024, 0, 1, 0, 0, i)).toISOString(),
      });
      fired += engine.process(ev).correlations.length;
    }
    expect(fired).toBe(1);
  });
});
