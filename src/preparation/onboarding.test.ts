import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { BUILTIN_LIBRARY_DIR } from "../documents/library.js";
import { PlanDocument } from "../documents/plan.schema.js";
import { type OnboardingFacts, onboarding } from "./onboarding.js";

const example = PlanDocument.parse(
  parse(readFileSync(join(BUILTIN_LIBRARY_DIR, "plan.yml"), "utf8")),
);
const own: PlanDocument = {
  ...example,
  example: undefined,
  organisation: { name: "Acme Ltd" },
};
const facts = (over: Partial<OnboardingFacts>): OnboardingFacts => ({
  newest: { id: "default", version: 2, body: own },
  inForce: { id: "default", version: 2, body: own },
  users: 1,
  undeliverable: [],
  ...over,
});
const step = (f: OnboardingFacts, id: string) => onboarding(f).steps.find((s) => s.id === id);

describe("the first-run checklist", () => {
  it("is complete without the optional invitation, and counts every step done", () => {
    const o = onboarding(facts({}));
    expect(o).toMatchObject({ done: 5, complete: true, dismissed_at: null });
    expect(step(facts({}), "organisation")?.detail).toBe("Acme Ltd, no time zone yet");
    expect(onboarding(facts({ users: 3 })).done).toBe(6);
  });

  it("names the roles nobody holds", () => {
    const nobody = { ...own, team: own.team.map((p) => ({ ...p, roles: [] })) };
    const s = step(facts({ newest: { id: "default", version: 2, body: nobody } }), "roles");
    expect(s?.done).toBe(false);
    expect(s?.detail).toMatch(/^nobody holds Incident Commander, /);
  });

  it("does not count roles the example team holds as filled", () => {
    const f = facts({ newest: { id: "default", version: 1, body: example } });
    expect(step(f, "roles")).toMatchObject({
      done: false,
      detail: "the roles are held by the example team",
    });
  });

  it("is not done while an audience has no channel that can deliver, and says which", () => {
    const executives = own.communication.audiences.find((a) => a.id === "executives");
    const dead = (executives?.channels ?? []).map((channel) => ({
      channel,
      kind: "email" as const,
      reason: "e-mail is not configured (set FIREBREAK_SMTP_URL)",
    }));
    const s = step(facts({ undeliverable: dead }), "channels");
    expect(s).toMatchObject({ done: false, detail: `no channel can reach ${executives?.name}` });
    expect(onboarding(facts({ undeliverable: dead })).complete).toBe(false);
    const none = step(
      facts({ newest: { id: "default", version: 2, body: { ...own, channels: [] } } }),
      "channels",
    );
    expect(none).toMatchObject({ done: false, detail: "the plan has no channels" });
  });

  it("keeps 'approve' open while the example is in force, saying a draft waits", () => {
    const f = facts({ inForce: { id: "default", version: 1, body: example } });
    expect(step(f, "approved")).toMatchObject({
      done: false,
      detail: "v2 is drafted; the example v1 is still in force",
      href: "/documents/plan/default",
    });
    expect(
      step(facts({ newest: { id: "default", version: 1, body: example } }), "people")?.done,
    ).toBe(false);
  });
});
