import { describe, expect, it } from "vitest";
import builtInPlan from "../../../library/plan.yml?raw";
import type { PlanBody } from "../api/documents";
import { applyEdit, applyEdits } from "./plan-edit";
import { isExamplePerson, type PersonInput, personId } from "./plan-edit-team";
import { PlanEditError, readPlan } from "./plan-yaml";

// The built-in procedures, which lint checks the plan against (roles filled, obligations' steps).
const procedures = import.meta.glob("../../../library/procedures/*.yml", {
  query: "?raw",
  import: "default",
  eager: true,
}) as Record<string, string>;

/**
 * The server's own YAML loader and lint (src/documents), loaded when the test runs: they use
 * Node's crypto, which the web's typecheck does not know, so only what the test calls is typed.
 */
interface ServerDocuments {
  parseDocuments(
    text: string,
    file: string,
  ): {
    documents: { kind: string; body: unknown }[];
    errors: { line?: number; column?: number; message: string; path?: string }[];
  };
  lintDocuments(
    documents: readonly unknown[],
    now: Date,
  ): { findings: { level: "error" | "warning"; path: string; message: string }[] };
}
const server = "../../../src/documents";
const { parseDocuments } = (await import(
  /* @vite-ignore */ `${server}/yaml-loader`
)) as ServerDocuments;
const { lintDocuments } = (await import(/* @vite-ignore */ `${server}/lint`)) as ServerDocuments;

/** The plan as the server would take it: validated by the real schema, linted with the procedures. */
function check(yaml: string) {
  const parsed = parseDocuments(yaml, "plan.yml");
  const others = Object.entries(procedures).flatMap(
    ([file, text]) => parseDocuments(text, file).documents,
  );
  const report = lintDocuments([...parsed.documents, ...others], new Date("2026-11-01T00:00:00Z"));
  return {
    schemaErrors: parsed.errors.map((e) => `${e.line}:${e.column} ${e.message} (${e.path})`),
    errors: report.findings
      .filter((f) => f.level === "error")
      .map((f) => `${f.path}: ${f.message}`),
    warnings: report.findings
      .filter((f) => f.level === "warning")
      .map((f) => `${f.path}: ${f.message}`),
    plan: parsed.documents[0]?.body as PlanBody,
  };
}

const ADA: PersonInput = {
  name: "Ada Lovelace",
  email: "ada@acme.test",
  phone: "+44 20 7946 0001",
  roles: ["commander", "security-analyst"],
};
const GRACE: PersonInput = {
  name: "Grace Hopper",
  email: "grace@acme.test",
  chat: "@grace",
  roles: ["legal-counsel"],
};

describe("plan edits over the built-in plan's YAML", () => {
  it("starts from a plan that lints clean, so every finding below is the edit's", () => {
    const c = check(builtInPlan);
    expect(c.schemaErrors).toEqual([]);
    expect(c.errors).toEqual([]);
  });

  it("sets the organisation right after the title, keeping the comments", () => {
    const yaml = applyEdit(builtInPlan, {
      op: "organisation",
      name: "Acme GmbH",
      time_zone: "Europe/Berlin",
    });
    const c = check(yaml);
    expect(c.errors).toEqual([]);
    expect(c.plan.organisation).toEqual({ name: "Acme GmbH", time_zone: "Europe/Berlin" });
    expect(yaml).toContain("# Firebreak built-in incident response plan.");
    expect(yaml.indexOf("organisation:")).toBeLessThan(yaml.indexOf("owner:"));
    // Changing it again replaces it rather than adding a second one.
    const again = applyEdit(yaml, { op: "organisation", name: "Acme AG" });
    expect(check(again).plan.organisation).toEqual({ name: "Acme AG" });
    expect(() => applyEdit(builtInPlan, { op: "organisation", name: " " })).toThrow(PlanEditError);
  });

  it("replaces the example team with two people: lints clean, no example person or example.org address left", () => {
    const yaml = applyEdit(builtInPlan, { op: "replace-example-team", people: [ADA, GRACE] });
    const c = check(yaml);
    expect(c.schemaErrors).toEqual([]);
    expect(c.errors).toEqual([]);
    expect(c.plan.example).toBeUndefined();
    expect(c.plan.team.map((p) => p.id)).toEqual(["ada-lovelace", "grace-hopper"]);
    const addresses = c.plan.team.flatMap((p) => p.contacts.map((x) => x.address));
    expect(addresses).toEqual(["ada@acme.test", "+44 20 7946 0001", "grace@acme.test", "@grace"]);
    // Every reference now names one of them.
    const ids = new Set(["ada-lovelace", "grace-hopper"]);
    expect(ids.has(c.plan.owner)).toBe(true);
    for (const by of c.plan.approval?.by ?? []) expect(ids.has(by)).toBe(true);
    for (const r of c.plan.on_call) for (const p of r.people) expect(ids.has(p)).toBe(true);
    const people = c.plan.escalation
      .flatMap((e) => e.steps.flatMap((s) => s.notify))
      .filter((r) => r.startsWith("person:"));
    expect(people.length).toBeGreaterThan(0);
    for (const r of people) expect(ids.has(r.slice("person:".length))).toBe(true);
    // The old ids appear nowhere in the text, nor any example.org address of the team.
    for (const old of [
      "amara-okafor",
      "margaret-osei",
      "william-harper",
      "robert-chen",
      "example: true",
    ])
      expect(yaml).not.toContain(old);
    expect(JSON.stringify(c.plan.team)).not.toMatch(/example\.(org|com)/);
    // Every role has a holder (procedures' steps need one); Ada kept her roles and the approvers hold approve_plan.
    expect(c.plan.team[0]?.roles.slice(0, 2)).toEqual(["commander", "security-analyst"]);
    const held = new Set(c.plan.team.flatMap((p) => p.roles));
    for (const r of c.plan.roles) expect(held.has(r.id), r.id).toBe(true);
    expect(c.plan.approval?.by).toEqual(["ada-lovelace", "grace-hopper"]);
  });

  it("with channels retargeted too, leaves no example.org address in any person or channel", () => {
    const plan = readPlan(builtInPlan);
    const yaml = applyEdits(builtInPlan, [
      { op: "replace-example-team", people: [ADA, GRACE] },
      ...(plan.channels ?? [])
        .filter((c) => c.kind === "email")
        .map((c) => ({
          op: "channel" as const,
          id: c.id,
          channel: { kind: "email" as const, target: `${c.id}@acme.test` },
        })),
    ]);
    const c = check(yaml);
    expect(c.errors).toEqual([]);
    // Addresses and targets only: prose (a description naming status.example.com) is the admin's to reword.
    const addresses = [
      ...c.plan.team.flatMap((p) => p.contacts.map((x) => x.address)),
      ...c.plan.channels.map((x) => x.target),
    ];
    expect(addresses.filter((a) => /example\.(org|com)/.test(a))).toEqual([]);
  });

  it("adds, changes and removes a person; removing one rewrites their references", () => {
    let yaml = applyEdit(builtInPlan, { op: "add-person", person: ADA });
    let c = check(yaml);
    expect(c.errors).toEqual([]);
    expect(c.plan.team.at(-1)).toEqual({
      id: "ada-lovelace",
      name: "Ada Lovelace",
      roles: ["commander", "security-analyst"],
      contacts: [
        { channel: "email", address: "ada@acme.test" },
        { channel: "phone", address: "+44 20 7946 0001" },
      ],
    });
    expect(yaml).toContain("- {channel: email, address: ada@acme.test}");
    expect(() =>
      applyEdit(yaml, { op: "add-person", person: { ...ADA, id: "ada-lovelace" } }),
    ).toThrow(/already/);

    yaml = applyEdit(yaml, {
      op: "update-person",
      id: "elena-petrova",
      person: { name: "Elena P.", email: "elena@acme.test", roles: ["privacy-officer"] },
    });
    c = check(yaml);
    expect(c.errors).toEqual([]);
    // Her second e-mail (the DPO list) and phone number: the phone was cleared, the extra e-mail kept.
    expect(c.plan.team.find((p) => p.id === "elena-petrova")?.contacts).toEqual([
      { channel: "email", address: "elena@acme.test" },
      { channel: "email", address: "elena.petrova@example.org" },
    ]);

    // Margaret Osei approves, is named in escalation steps; Amara owns the plan and is on call.
    yaml = applyEdits(yaml, [
      { op: "remove-person", id: "margaret-osei" },
      { op: "remove-person", id: "amara-okafor" },
    ]);
    c = check(yaml);
    expect(c.errors).toEqual([]);
    expect(yaml).not.toContain("margaret-osei");
    expect(yaml).not.toContain("amara-okafor");
    expect(c.plan.owner).toBe("daniel-reyes");
    expect(c.plan.approval?.by).toEqual(["william-harper", "robert-chen"]);
  });

  it("sets who fills a role, and lint says when a role is left empty", () => {
    const yaml = applyEdit(builtInPlan, {
      op: "role-holders",
      role: "scribe",
      people: ["kenji-sato"],
    });
    const c = check(yaml);
    expect(c.errors).toEqual([]);
    expect(c.plan.team.filter((p) => p.roles.includes("scribe")).map((p) => p.id)).toEqual([
      "kenji-sato",
    ]);
    const empty = check(applyEdit(builtInPlan, { op: "role-holders", role: "scribe", people: [] }));
    expect(empty.errors.join("\n")).toMatch(/role 'scribe' is not filled/);
  });

  it("sets, changes and removes an on-call rotation", () => {
    const rotation = {
      people: ["kenji-sato", "fatima-haddad"],
      day: "friday",
      time: "17:30",
      time_zone: "Europe/Berlin",
      starts: "2026-12-04",
    };
    let yaml = applyEdit(builtInPlan, { op: "rotation", role: "it-operations", rotation });
    let c = check(yaml);
    expect(c.errors).toEqual([]);
    expect(c.plan.on_call.find((r) => r.role === "it-operations")).toMatchObject({
      people: ["kenji-sato", "fatima-haddad"],
      handoff: { day: "friday", time: "17:30" },
      time_zone: "Europe/Berlin",
      starts: "2026-12-04",
    });
    yaml = applyEdit(yaml, {
      op: "rotation",
      role: "commander",
      rotation: { ...rotation, people: ["daniel-reyes"] },
    });
    c = check(yaml);
    expect(c.plan.on_call.find((r) => r.role === "commander")?.people).toEqual(["daniel-reyes"]);
    yaml = applyEdit(yaml, { op: "rotation", role: "it-operations", rotation: null });
    expect(check(yaml).plan.on_call.map((r) => r.role)).toEqual(["commander", "security-analyst"]);
    const bad = check(
      applyEdit(builtInPlan, {
        op: "rotation",
        role: "scribe",
        rotation: { ...rotation, time_zone: "Mars/Olympus" },
      }),
    );
    expect(bad.schemaErrors.join("\n")).toMatch(/time zone/);
  });

  it("adds, changes and removes a channel, removing it from audiences and escalation", () => {
    let yaml = applyEdit(builtInPlan, {
      op: "channel",
      id: "ops-mail",
      channel: { kind: "email", target: "ops@acme.test" },
    });
    let c = check(yaml);
    expect(c.errors).toEqual([]);
    expect(c.plan.channels.at(-1)).toEqual({
      id: "ops-mail",
      kind: "email",
      target: "ops@acme.test",
    });
    yaml = applyEdit(yaml, {
      op: "channel",
      id: "ir-war-room",
      channel: { kind: "webhook", target: "https://hooks.acme.test/ir" },
    });
    c = check(yaml);
    expect(c.plan.channels.find((x) => x.id === "ir-war-room")).toMatchObject({
      kind: "webhook",
      target: "https://hooks.acme.test/ir",
      description: expect.stringContaining("war-room"),
    });
    yaml = applyEdit(yaml, { op: "channel", id: "ir-pager", channel: null });
    c = check(yaml);
    expect(c.errors).toEqual([]);
    expect(yaml).not.toContain("ir-pager");
    // exec-briefing is the executives' only channel: it cannot go before they have another.
    expect(() =>
      applyEdit(builtInPlan, { op: "channel", id: "exec-briefing", channel: null }),
    ).toThrow(/only channel/);
  });

  it("sets the escalation steps of a severity", () => {
    const yaml = applyEdit(builtInPlan, {
      op: "escalation",
      severity: "emergency",
      steps: [
        { notify: ["role:commander", "channel:ir-team-email"], after: "PT10M" },
        { notify: ["person:daniel-reyes"], after: "PT20M" },
      ],
    });
    const c = check(yaml);
    expect(c.errors).toEqual([]);
    const path = c.plan.escalation.find((e) => e.severity === "emergency");
    expect(path?.steps).toEqual([
      { notify: ["role:commander", "channel:ir-team-email"], after: "PT10M" },
      { notify: ["person:daniel-reyes"], after: "PT20M" },
    ]);
    expect(path?.repeat).toBe(3);
    const unknown = check(
      applyEdit(builtInPlan, {
        op: "escalation",
        severity: "emergency",
        steps: [{ notify: ["person:nobody"], after: "PT5M" }],
      }),
    );
    expect(unknown.errors.join("\n")).toMatch(/person 'nobody' is not defined/);
  });

  it("disables and re-enables an obligation and changes its recipient", () => {
    const plan = readPlan(builtInPlan);
    const sec = plan.compliance?.find((o) => o.id === "sec-8k-1-05");
    if (!sec) throw new Error("the built-in plan has the SEC obligation");
    let yaml = applyEdit(builtInPlan, {
      op: "obligation-enabled",
      id: "sec-8k-1-05",
      enabled: false,
    });
    let c = check(yaml);
    expect(c.errors).toEqual([]);
    expect(c.plan.compliance.map((o) => o.id)).not.toContain("sec-8k-1-05");
    yaml = applyEdit(yaml, {
      op: "obligation-enabled",
      id: "sec-8k-1-05",
      enabled: true,
      definition: sec,
    });
    yaml = applyEdit(yaml, {
      op: "obligation-recipient",
      id: "gdpr-art-33",
      recipient: "Berliner Beauftragte für Datenschutz",
    });
    c = check(yaml);
    expect(c.errors).toEqual([]);
    expect(c.plan.compliance.find((o) => o.id === "sec-8k-1-05")).toEqual(sec);
    expect(c.plan.compliance.find((o) => o.id === "gdpr-art-33")?.recipient).toBe(
      "Berliner Beauftragte für Datenschutz",
    );
  });

  it("tells the built-in example people from people the admin added", () => {
    const yaml = applyEdit(builtInPlan, { op: "add-person", person: ADA });
    const plan = readPlan(yaml);
    const examples = plan.team.filter((p) => isExamplePerson(plan, p)).map((p) => p.id);
    expect(examples).toHaveLength(14);
    expect(examples).not.toContain("ada-lovelace");
    const replaced = readPlan(applyEdit(yaml, { op: "replace-example-team", people: [ADA] }));
    expect(replaced.team.filter((p) => isExamplePerson(replaced, p))).toEqual([]);
  });

  it("makes ids from names, unique in the team", () => {
    expect(personId("Zoë Müller", [])).toBe("zoe-muller");
    expect(personId("Zoë Müller", ["zoe-muller", "zoe-muller-2"])).toBe("zoe-muller-3");
    expect(personId("李", [])).toBe("person");
  });
});
