import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BUILTIN_LIBRARY_DIR } from "../../src/documents/library.js";
import { appPerTest } from "../support/app.js";
import { TEST_DIALECTS } from "../support/databases.js";
import { PASSWORD, signInOver, userWithToken } from "../support/identity.js";

const PLAN_YAML = readFileSync(join(BUILTIN_LIBRARY_DIR, "plan.yml"), "utf8");

/** The built-in plan as the organisation's own next version: a new label, `example` as told. */
function planVersion(label: string, example: boolean): string {
  const text = PLAN_YAML.replace(/^version: .*$/m, `version: "${label}"`);
  return example ? text : text.replace(/^example: true\n/m, "");
}

/**
 * ADR 0003 (docs/adr/0003-example-plan-bootstrap.md) over HTTP, as the browser does it: an admin
 * signed in as themselves (not one of the plan's people) brings the first real plan into force
 * alone while the built-in example plan is in force, and is an ordinary non-approver after.
 */
describe.each(TEST_DIALECTS)("the example plan's bootstrap ($name)", (dialect) => {
  const served = appPerTest(dialect);

  /** Signs an admin in with a session cookie; answers the headers of their changes. */
  async function admin() {
    const { user } = await userWithToken(served.rt, "admin", "write", {
      email: "first.admin@example.org",
    });
    const res = await signInOver(served.app, user.email, PASSWORD);
    expect(res.statusCode, res.body).toBe(200);
    const cookie = String(res.headers["set-cookie"]).split(";")[0] as string;
    return { user, headers: { cookie, "x-csrf-token": res.json().csrf_token as string } };
  }

  it("lets an admin alone approve a new plan under the example plan, and not once a real plan is in force", async () => {
    const { user, headers } = await admin();
    const call = (method: "GET" | "POST", url: string, payload?: object) =>
      served.app.inject({ method, url: `/api/v1${url}`, headers, payload });
    const upload = (yaml: string) =>
      served.app.inject({
        method: "POST",
        url: "/api/v1/documents",
        headers: { ...headers, "content-type": "application/yaml" },
        payload: yaml,
      });
    const status = "/documents/plan/default/status";

    expect((await call("GET", "/plans/current")).json().body.example).toBe(true);
    // The example plan names its example approvers; the admin is not one of them.
    const before = (await call("GET", status)).json();
    expect(before.current.required_approvers.length).toBeGreaterThan(0);
    expect(before.current.required_approvers).not.toContain(user.id);

    // The organisation's own plan: no longer an example.
    const stored = await upload(planVersion("2026.12-own", false));
    expect(stored.statusCode, stored.body).toBe(201);
    expect(stored.json()).toMatchObject({ in_force: false, stored: [{ version: 2 }] });
    const submitted = await call("POST", "/documents/plan/default/submissions", { note: "ours" });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const approved = await call("POST", "/documents/plan/default/signoffs", {
      decision: "approve",
      hash: submitted.json().hash,
    });
    expect(approved.statusCode, approved.body).toBe(201);
    expect(approved.json()).toMatchObject({ version: 2, state: "approved", in_force: true });
    expect(approved.json().approvals).toEqual([
      expect.objectContaining({ person: user.id, decision: "approve" }),
    ]);
    const current = (await call("GET", "/plans/current")).json();
    expect(current).toMatchObject({ version: 2, label: "2026.12-own" });
    expect(current.body.example).toBeUndefined();

    // Now the plan's own approvers govern: the same admin, named nowhere, is refused.
    expect((await upload(planVersion("2026.12-next", false))).statusCode).toBe(201);
    const next = await call("POST", "/documents/plan/default/submissions", {});
    expect(next.statusCode, next.body).toBe(201);
    const refused = await call("POST", "/documents/plan/default/signoffs", {
      decision: "approve",
      hash: next.json().hash,
    });
    expect(refused.statusCode, refused.body).toBe(403);
    expect(refused.json()).toMatchObject({ type: "/problems/forbidden" });
    expect((await call("GET", "/plans/current")).json().version).toBe(2);
    expect((await call("GET", status)).json().pending).toMatchObject({
      version: 3,
      state: "in_review",
    });
  });
});
