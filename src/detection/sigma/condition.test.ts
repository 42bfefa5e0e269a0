import { describe, expect, it } from "vitest";
import { parseCondition } from "./condition.js";
import { compileRules, SigmaEngine } from "./index.js";

/** Five search identifiers a..e, each true when the event has the field of the same name. */
function engineFor(condition: string | string[]): SigmaEngine {
  const cond = Array.isArray(condition)
    ? `\n${condition.map((c) => `        - '${c}'`).join("\n")}`
    : ` '${condition}'`;
  const yaml = `title: t
logsource: {product: test}
detection:
    sel_a: {a: 1}
    sel_b: {b: 1}
    filter_c: {c: 1}
    filter_d: {d: 1}
    _hidden: {e: 1}
    condition:${cond}`;
  const set = compileRules([{ file: "c.yml", text: yaml }]);
  expect(set.failures).toEqual([]);
  return new SigmaEngine(set);
}

function truth(condition: string | string[], fields: string): boolean {
  const ev: Record<string, number> = {};
  for (const f of fields) ev[f] = 1;
  return engineFor(condition).match(ev).length > 0;
}

function failure(condition: string): string {
  const yaml = `title: t
logsource: {product: test}
detection:
    sel_a: {a: 1}
    condition: ${condition}`;
  const set = compileRules([{ file: "c.yml", text: yaml }]);
  expect(set.failures).toHaveLength(1);
  return set.failures[0]?.reason ?? "";
}

describe("condition grammar", () => {
  it("and, or, not with precedence or < and < not", () => {
    expect(truth("sel_a or sel_b and filter_c", "a")).toBe(true);
    expect(truth("sel_a or sel_b and filter_c", "b")).toBe(false);
    expect(truth("sel_a or sel_b and filter_c", "bc")).toBe(true);
    expect(truth("not sel_a and sel_b", "b")).toBe(true);
    expect(truth("not sel_a and sel_b", "ab")).toBe(false);
    expect(truth("not not sel_a", "a")).toBe(true);
    expect(truth("sel_a AND NOT sel_b", "a")).toBe(true); // operators in any case
  });

  it("parentheses", () => {
    expect(truth("(sel_a or sel_b) and filter_c", "b")).toBe(false);
    expect(truth("(sel_a or sel_b) and filter_c", "bc")).toBe(true);
    expect(truth("sel_a and not (filter_c or filter_d)", "ad")).toBe(false);
    expect(truth("((sel_a))", "a")).toBe(true);
  });

  it("1 of / any of / all of with name patterns", () => {
    expect(truth("1 of sel_*", "b")).toBe(true);
    expect(truth("any of sel_*", "b")).toBe(true);
    expect(truth("all of sel_*", "b")).toBe(false);
    expect(truth("all of sel_*", "ab")).toBe(true);
    expect(truth("all of sel_* and not 1 of filter_*", "ab")).toBe(true);
    expect(truth("all of sel_* and not 1 of filter_*", "abd")).toBe(false);
    expect(truth("1 of *_c", "c")).toBe(true);
    expect(truth("2 of sel_* or filter_c", "a")).toBe(false);
    expect(truth("2 of sel_* or filter_c", "ab")).toBe(true);
  });

  it("them leaves out identifiers starting with an underscore", () => {
    expect(truth("1 of them", "e")).toBe(false);
    expect(truth("1 of them", "d")).toBe(true);
    expect(truth("all of them", "abcd")).toBe(true);
    expect(truth("all of them", "abc")).toBe(false);
    expect(truth("_hidden", "e")).toBe(true);
  });

  it("a list of conditions is an OR", () => {
    expect(truth(["sel_a and sel_b", "filter_c"], "c")).toBe(true);
    expect(truth(["sel_a and sel_b", "filter_c"], "a")).toBe(false);
  });

  it("reports what it cannot read", () => {
    expect(failure("sel_x")).toMatch(/unknown search identifier 'sel_x'/);
    expect(failure("1 of nothing*")).toMatch(/no search identifier matches 'nothing\*'/);
    expect(failure("sel_a and")).toMatch(/unexpected end/);
    expect(failure("(sel_a")).toMatch(/missing '\)'/);
    expect(failure("sel_a sel_a")).toMatch(/unexpected 'sel_a' at column 7/);
    expect(failure("sel_a | count() > 5")).toMatch(/Sigma 1 syntax/);
    expect(failure("sel_a near sel_a")).toMatch(/unexpected 'near'|Sigma 1 syntax/);
  });

  it("parses into a tree", () => {
    expect(parseCondition("a or b and not c")).toEqual({
      t: "or",
      items: [
        { t: "ref", name: "a" },
        {
          t: "and",
          items: [
            { t: "ref", name: "b" },
            { t: "not", item: { t: "ref", name: "c" } },
          ],
        },
      ],
    });
    expect(parseCondition("all of x*")).toEqual({ t: "of", quant: "all", pattern: "x*" });
  });
});
