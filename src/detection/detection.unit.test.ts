import { describe, expect, it } from "vitest";
import { minimalPlan } from "../../test/support/documents.js";
import type { PlanDocument } from "../documents/plan.schema.js";
import type { Alert } from "./alert.types.js";
import { readBatch } from "./batch-reader.js";
import { parseEventsText } from "./events/index.js";
import { DeclarationWindows } from "./policy/window.js";
import { actionOf, parseWebhookMapping, textAt, valueAt } from "./receivers/mapping.js";
import { hostOfInstance, senderTime } from "./receivers/receive.js";
import { severityForLevel, severityOfSender } from "./severity.js";
import { matches } from "./suppression.js";

const plan = (levels: Record<string, string[]>) =>
  ({
    severity_scale: Object.entries(levels).map(([id, rule_levels]) => ({ id, rule_levels })),
  }) as unknown as PlanDocument;

describe("severity mapping", () => {
  const p = plan({ minor: ["low", "medium"], major: ["high"], worst: ["critical"], end: [] });
  it("maps levels through the plan's rule_levels", () => {
    expect(severityForLevel(p, "medium")).toBe("minor");
    expect(severityForLevel(p, "high")).toBe("major");
    expect(severityForLevel(p, "critical")).toBe("worst");
  });
  it("an unlisted level takes the nearest more severe listed one, then less severe", () => {
    expect(severityForLevel(p, "informational")).toBe("minor");
    expect(severityForLevel(plan({ a: ["low"], b: [] }), "critical")).toBe("a");
    expect(severityForLevel(plan({ a: [], b: [] }), "high")).toBe("a");
  });
  it("reads sender words and plan ids", () => {
    expect(severityOfSender(p, "warning")).toBe("minor");
    expect(severityOfSender(p, "P1")).toBe("worst");
    expect(severityOfSender(p, "MAJOR")).toBe("major");
    expect(severityOfSender(p, undefined)).toBe("minor");
    expect(severityOfSender(minimalPlan() as unknown as PlanDocument, "high")).toBe("high");
  });
});

describe("batch reader", () => {
  const cases = {
    array: '[{"a":1},{"b":2}, 3]',
    ndjson: '{"a":1}\n{"b":2}\r\n\n3\n',
    pretty: '{\n  "a": 1\n}\n{\n  "b": 2\n}\n3',
    brokenMiddle: '{"a":1}\n{"b": \n{"c":3}\n',
    brokenArray: '[{"a":1}, {"b": }, {"c":3}]',
  };
  it("the fast paths read what the streaming reader reads", () => {
    for (const [name, text] of Object.entries(cases)) {
      const fast = readBatch(text);
      const slow = parseEventsText(text);
      expect(
        fast.values.map((v) => v.value),
        name,
      ).toEqual(slow.flatMap((i) => (i.kind === "event" ? [i.value] : [])));
      expect(fast.problems.length, name).toBe(slow.filter((i) => i.kind === "error").length);
    }
  });
  it("keeps each NDJSON line's text and line number", () => {
    const { values } = readBatch('{"a":1}\n\n{"b": 2}');
    expect(values.map((v) => [v.index, v.line, v.text])).toEqual([
      [0, 1, '{"a":1}'],
      [1, 3, '{"b": 2}'],
    ]);
    expect(readBatch("  \n ").values).toEqual([]);
  });
});

describe("webhook mapping", () => {
  const doc = { a: { "b/c": [{ d: "x" }], n: 5, blank: " " } };
  it("reads JSON pointers and dotted paths", () => {
    expect(valueAt(doc, "/a/b~1c/0/d")).toBe("x");
    expect(valueAt(doc, "a.n")).toBe(5);
    expect(textAt(doc, "a.n")).toBe("5");
    expect(textAt(doc, "a.blank")).toBeUndefined();
    expect(valueAt(doc, "a.missing.deeper")).toBeUndefined();
    expect(valueAt(doc, "a.constructor")).toBeUndefined();
  });
  it("maps statuses with the document's words first", () => {
    const m = parseWebhookMapping({ title: "t", status_map: { GREEN: "resolve" } });
    expect(actionOf(m, "GREEN")).toBe("resolve");
    expect(actionOf(m, "Alerting")).toBe("trigger");
    expect(actionOf(m, undefined)).toBe("trigger");
    expect(actionOf(m, "weird")).toBeUndefined();
    expect(() => parseWebhookMapping({ title: "t", extra: 1 })).toThrow(/invalid webhook mapping/);
  });
  it("reads sender times and Alertmanager instances", () => {
    const now = "2026-11-23T08:00:00.000Z";
    expect(senderTime("0001-01-01T00:00:00Z", now)).toBe(now);
    expect(senderTime("2030-01-01T00:00:00Z", now)).toBe(now);
    expect(senderTime("2026-11-23T07:00:00+01:00", now)).toBe("2026-11-23T06:00:00.000Z");
    expect(hostOfInstance("10.0.0.5:9100")).toBe("10.0.0.5");
    expect(hostOfInstance("[::1]:9100")).toBe("::1");
    expect(hostOfInstance("web-1")).toBe("web-1");
  });
});

describe("suppression matchers", () => {
  const alert = {
    rule_id: "r1",
    dedup_key: "r1:host=fs01",
    source: "rule" as const,
    integration_id: null,
    title: "Shadow copies deleted",
    entities: { host: "FS01", user: "CORP\\backup", destination_ip: "10.0.0.9" },
  };
  it("needs every named field to match, with * wildcards and any case", () => {
    expect(matches({ host: "fs*" }, alert)).toBe(true);
    expect(matches({ host: "fs*", user: "*\\backup" }, alert)).toBe(true);
    expect(matches({ host: "fs*", rule_id: "r2" }, alert)).toBe(false);
    expect(matches({ ip: "10.0.0.*" }, alert)).toBe(true);
    expect(matches({ title: "*shadow*" }, alert)).toBe(true);
    expect(matches({ integration_id: "x" }, alert)).toBe(false);
    expect(matches({ host: "f.01" }, alert)).toBe(false);
  });
});

describe("declaration windows", () => {
  const alert = (id: string, at: string) => ({ id, last_seen: at }) as Alert;
  it("count distinct alerts within the span of the newest", () => {
    const w = new DeclarationWindows();
    expect(w.add("k", alert("a", "2026-01-01T10:00:00Z"), 600_000)).toHaveLength(1);
    expect(w.add("k", alert("a", "2026-01-01T10:01:00Z"), 600_000)).toHaveLength(1);
    expect(w.add("k", alert("b", "2026-01-01T10:05:00Z"), 600_000)).toHaveLength(2);
    expect(w.add("k", alert("c", "2026-01-01T10:20:00Z"), 600_000).map((a) => a.id)).toEqual(["c"]);
    w.forget(["c"]);
    expect(w.size).toBe(0);
  });
});
