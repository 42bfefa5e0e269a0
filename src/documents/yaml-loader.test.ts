import { describe, expect, it } from "vitest";
import { minimalPlan, minimalProcedure, toYaml } from "../../test/support/documents.js";
import { formatDetail } from "../domain/errors.js";
import { parseDocuments } from "./yaml-loader.js";

describe("parsing YAML documents", () => {
  it("reads several documents from one file, each with its own hash", () => {
    const { documents, errors } = parseDocuments(
      toYaml(minimalPlan(), minimalProcedure()),
      "set.yml",
    );
    expect(errors).toEqual([]);
    expect(documents.map((d) => `${d.kind}/${d.id}`)).toEqual([
      "plan/test-plan",
      "procedure/malware",
    ]);
    expect(documents[0]?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(documents[1]?.line).toBeGreaterThan(1);
  });

  it("ignores comments and formatting when hashing", () => {
    const a = parseDocuments(toYaml(minimalProcedure()), "a.yml").documents[0];
    const b = parseDocuments(
      `# a comment\n${toYaml(minimalProcedure()).replace(/\n/g, "\n\n")}`,
      "b.yml",
    ).documents[0];
    expect(a?.hash).toBe(b?.hash);
  });

  it("reports malformed YAML with line and column", () => {
    const { errors } = parseDocuments("kind: plan\nid: [unclosed\n", "bad.yml");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      file: "bad.yml",
      line: expect.any(Number),
      column: expect.any(Number),
    });
  });

  it("points at unknown keys, wrong types and missing fields", () => {
    const proc = minimalProcedure();
    (proc as { colour?: string }).colour = "red";
    (proc.steps as Record<string, unknown[]>).containment = [
      {
        id: "isolate",
        title: 3,
        instructions: "x",
      },
    ];
    const text = toYaml(proc);
    const { errors, documents } = parseDocuments(text, "p.yml");
    expect(documents).toEqual([]);
    const lines = errors.map(formatDetail);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^p\.yml:\d+:1 unknown key 'colour' \(at colour\)$/),
        expect.stringMatching(/^p\.yml:\d+:\d+ .*string.* \(at steps\.containment\[0\]\.title\)$/),
        expect.stringMatching(/'role' is required \(at steps\.containment\[0\]\.role\)$/),
      ]),
    );
    const colourLine = text.split("\n").findIndex((l) => l.startsWith("colour:")) + 1;
    expect(errors.find((e) => e.path === "colour")?.line).toBe(colourLine);
  });

  it("rejects a bad condition, an unknown kind and a malformed duration at load time", () => {
    const proc = minimalProcedure();
    (proc.steps as Record<string, unknown[]>).detection = [
      {
        id: "triage",
        title: "Triage",
        role: "analyst",
        instructions: "x",
        condition: "severity >=",
        target: "30 minutes",
      },
    ];
    const { errors } = parseDocuments(toYaml(proc, { kind: "runbook", id: "x" }), "p.yml");
    const messages = errors.map((e) => e.message).join("\n");
    expect(messages).toMatch(/condition: condition ends too early/);
    expect(messages).toMatch(/ISO 8601 duration/);
    expect(messages).toMatch(/unknown document kind "runbook"/);
  });

  it("rejects duplicate keys", () => {
    const { errors } = parseDocuments("kind: plan\nid: a\nid: b\n", "dup.yml");
    expect(errors[0]?.message).toMatch(/unique/i);
    expect(errors[0]?.line).toBe(3);
  });
});
