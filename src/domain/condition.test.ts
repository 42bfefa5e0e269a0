import { describe, expect, it } from "vitest";
import { ConditionSyntaxError, parseCondition } from "./condition.js";
import { type ConditionVocabulary, checkCondition, evaluateCondition } from "./condition-check.js";

const vocab: ConditionVocabulary = {
  severities: ["inconvenience", "emergency", "disaster", "catastrophe"],
  types: ["ransomware", "phishing"],
  attributes: {
    personal_data: "boolean",
    records: "number",
    region: "string",
    services: "string_list",
  },
};

const check = (text: string) => checkCondition(parseCondition(text), vocab).map((p) => p.message);
const holds = (
  text: string,
  facts: Partial<{ severity: string; type: string; attributes: Record<string, unknown> }>,
) =>
  evaluateCondition(
    parseCondition(text),
    { severity: "emergency", type: "ransomware", attributes: {}, ...facts },
    vocab.severities,
  );

describe("condition parsing", () => {
  it("reports the offset of a syntax error", () => {
    expect(() => parseCondition("severity >= ")).toThrow(ConditionSyntaxError);
    try {
      parseCondition("personal_data and and");
    } catch (e) {
      expect((e as ConditionSyntaxError).offset).toBe(18);
    }
    expect(() => parseCondition("(a or b")).toThrow(/expected '\)'/);
    expect(() => parseCondition("a $ b")).toThrow(/unexpected character/);
  });
});

describe("condition checking", () => {
  it("accepts well-typed conditions", () => {
    expect(check("severity >= emergency and personal_data")).toEqual([]);
    expect(check('type in [ransomware, phishing] or records > 500 or region == "eu"')).toEqual([]);
    expect(check('"payments" in services and not personal_data')).toEqual([]);
  });

  it("names unknown severities, types and attributes", () => {
    expect(check("severity >= critical")).toEqual([
      expect.stringMatching(/'critical' is not a severity/),
    ]);
    expect(check("type == worm")).toEqual(["'worm' is not an incident type"]);
    expect(check("customer_data")).toEqual(["unknown attribute 'customer_data'"]);
  });

  it("finds severity tests that can never hold on the scale", () => {
    expect(check("severity > catastrophe")).toEqual([expect.stringMatching(/can never hold/)]);
    expect(check("severity < inconvenience")).toEqual([expect.stringMatching(/can never hold/)]);
    expect(check("severity >= catastrophe")).toEqual([]);
  });

  it("rejects comparisons that do not fit the type", () => {
    expect(check("region > 3")).toHaveLength(2);
    expect(check("type < phishing")).toEqual(["incident types have no order"]);
    expect(check("records")).toEqual(["'records' is a number; compare it with a value"]);
  });
});

describe("condition evaluation", () => {
  it("orders severities by the plan's scale, not alphabetically", () => {
    expect(holds("severity >= emergency", { severity: "disaster" })).toBe(true);
    expect(holds("severity >= emergency", { severity: "inconvenience" })).toBe(false);
    expect(holds("severity in [disaster, catastrophe]", { severity: "catastrophe" })).toBe(true);
  });

  it("treats a missing attribute as false", () => {
    expect(holds("personal_data", {})).toBe(false);
    expect(holds("not personal_data", {})).toBe(true);
    expect(
      holds("severity >= emergency and personal_data", { attributes: { personal_data: true } }),
    ).toBe(true);
  });

  it("tests list membership and numbers", () => {
    expect(holds('"payments" in services', { attributes: { services: ["payments"] } })).toBe(true);
    expect(holds('"payments" in services', { attributes: { services: ["hr"] } })).toBe(false);
    expect(holds("records > 500 or type == phishing", { attributes: { records: 501 } })).toBe(true);
  });
});
