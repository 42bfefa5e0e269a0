import { beforeEach, describe, expect, it } from "vitest";
import { appPerTest } from "../../../test/support/app.js";
import { TEST_DIALECTS } from "../../../test/support/databases.js";
import { userWithToken } from "../../../test/support/identity.js";

type Headers = Record<string, string>;

describe.each(TEST_DIALECTS)("the plan's authority over HTTP on $name", (dialect) => {
  let admin: Headers;
  /** A responder signed in as Jonas Weber, a security analyst. */
  let jonas: Headers;
  /** A responder signed in as Amara Okafor, whom the admin puts in command. */
  let amara: Headers;
  const served = appPerTest(dialect);
  beforeEach(async () => {
    admin = (await userWithToken(served.rt, "admin")).headers;
    const responder = async (person_id: string) =>
      (await userWithToken(served.rt, "responder", "write", { person_id })).headers;
    jonas = await responder("jonas-weber");
    amara = await responder("amara-okafor");
  });

  const req = (method: string, url: string, headers: Headers, payload?: object) =>
    served.app.inject({ method: method as "GET", url: `/api/v1${url}`, headers, payload });

  async function declared(): Promise<string> {
    const res = await req("POST", "/incidents", admin, {
      title: "Ransom note on FS01",
      type: "ransomware",
      severity: "emergency",
      commander: "amara-okafor",
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().human_id;
  }

  it("refuses a responder making himself commander (403 naming the rule); the commander hands over to him", async () => {
    const id = await declared();
    const self = await req("POST", `/incidents/${id}/roles`, jonas, {
      role: "commander",
      person: "jonas-weber",
    });
    expect(self.statusCode, self.body).toBe(403);
    expect(self.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(self.json()).toMatchObject({
      type: "/problems/forbidden",
      rule: "assign_commander",
      detail: expect.stringMatching(/'assign_commander' rule/),
    });
    expect((await req("GET", `/incidents/${id}`, admin)).json().commander).toBe("amara-okafor");

    const handover = await req("POST", `/incidents/${id}/roles`, amara, {
      role: "commander",
      person: "jonas-weber",
      reason: "Amara goes off shift",
    });
    expect(handover.statusCode, handover.body).toBe(201);
    expect((await req("GET", `/incidents/${id}`, admin)).json().commander).toBe("jonas-weber");
    const entries = (await req("GET", `/incidents/${id}/timeline`, admin)).json().items;
    expect(entries.at(-1)).toMatchObject({
      kind: "role.handover",
      actor: { id: "amara-okafor" },
      payload: { from: "amara-okafor", to: "jonas-weber", reason: "Amara goes off shift" },
    });
  });

  it("refuses a responder declining; the admin may", async () => {
    const id = await declared();
    const refused = await req("POST", `/incidents/${id}/decline`, jonas, { reason: "noise" });
    expect(refused.statusCode, refused.body).toBe(403);
    expect(refused.json()).toMatchObject({ type: "/problems/forbidden", rule: "decline" });
    const ok = await req("POST", `/incidents/${id}/decline`, admin, { reason: "backup job" });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().phase).toBe("declined");
  });
});
