import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { appPerTest } from "../../../test/support/app.js";
import { approveDrafts } from "../../../test/support/approval.js";
import { TEST_DIALECTS } from "../../../test/support/databases.js";
import { userWithToken } from "../../../test/support/identity.js";
import { operator } from "../../../test/support/response-helpers.js";
import { uploadDocuments } from "../../documents/document.service.js";
import { BUILTIN_LIBRARY_DIR } from "../../documents/library.js";

describe.each(TEST_DIALECTS)("the first-run checklist ($name)", (dialect) => {
  const served = appPerTest(dialect);
  const call = (method: "GET" | "POST", url: string, headers: Record<string, string>) =>
    served.app.inject({ method, url: `/api/v1/onboarding${url}`, headers });
  const steps = (body: { steps: { id: string; done: boolean }[] }) =>
    Object.fromEntries(body.steps.map((s) => [s.id, s.done]));

  it("ticks each step from the facts as the organisation's plan replaces the example", async () => {
    const { headers } = await userWithToken(served.rt, "admin");
    const first = await call("GET", "", headers);
    expect(first.statusCode, first.body).toBe(200);
    // The built-in plan: an example team (whose roles count as unfilled); its channels need
    // settings this test process does not have (no SMTP); one user.
    expect(steps(first.json())).toEqual({
      organisation: false,
      people: false,
      roles: false,
      channels: false,
      approved: false,
      invite: false,
    });
    expect(first.json()).toMatchObject({ done: 0, complete: false, dismissed_at: null });
    const people = first.json().steps.find((s: { id: string }) => s.id === "people");
    expect(people).toMatchObject({ href: "/plan/edit#team", optional: false });
    expect(people.detail).toMatch(/built-in example \(\d+ people\)/);

    // v2 drafted: named, and a real team (the example's, no longer marked as one).
    const plan = parse(readFileSync(join(BUILTIN_LIBRARY_DIR, "plan.yml"), "utf8"));
    delete plan.example;
    plan.organisation = { name: "Acme Ltd", time_zone: "Europe/Berlin" };
    const draft = await uploadDocuments(
      served.rt.documents,
      stringify(plan),
      operator,
      served.rt.clock,
    );
    const drafted = (await call("GET", "", headers)).json();
    expect(steps(drafted)).toMatchObject({ organisation: true, people: true, approved: false });
    const approved = drafted.steps.find((s: { id: string }) => s.id === "approved");
    expect(approved.detail).toBe("v2 is drafted; the example v1 is still in force");
    expect(approved.href).toBe(`/documents/plan/${plan.id}`);
    expect(drafted.steps.find((s: { id: string }) => s.id === "organisation").detail).toBe(
      "Acme Ltd (Europe/Berlin)",
    );

    await approveDrafts(served.rt, draft.stored);
    await userWithToken(served.rt, "responder");
    const after = (await call("GET", "", headers)).json();
    expect(steps(after)).toMatchObject({ approved: true, invite: true });
    // No SMTP and none of the webhook variables here: the one step left says so.
    expect(after.steps.find((s: { id: string }) => s.id === "channels")).toMatchObject({
      done: false,
      detail: expect.stringMatching(/^none of the \d+ channels can deliver$/),
    });
    expect(after).toMatchObject({ done: 5, complete: false });
  });

  it("is dismissed and resumed for every admin, and only admins see it", async () => {
    const { headers } = await userWithToken(served.rt, "admin");
    const dismissed = await call("POST", "/dismiss", headers);
    expect(dismissed.statusCode, dismissed.body).toBe(200);
    expect(dismissed.json().dismissed_at).toEqual(expect.any(String));
    const other = await userWithToken(served.rt, "admin");
    expect((await call("GET", "", other.headers)).json().dismissed_at).toBe(
      dismissed.json().dismissed_at,
    );
    const resumed = await call("POST", "/resume", other.headers);
    expect(resumed.json()).toMatchObject({ dismissed_at: null, dismissed_by: null });
    const responder = await userWithToken(served.rt, "responder");
    expect((await call("GET", "", responder.headers)).statusCode).toBe(403);
    expect((await call("POST", "/dismiss", responder.headers)).statusCode).toBe(403);
  });
});
