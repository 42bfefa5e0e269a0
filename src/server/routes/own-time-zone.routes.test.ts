import { describe, expect, it } from "vitest";
import { appPerFile } from "../../../test/support/app.js";
import { TEST_DIALECTS } from "../../../test/support/databases.js";
import { userWithToken } from "../../../test/support/identity.js";

const sqlite = TEST_DIALECTS[0] as (typeof TEST_DIALECTS)[number];

describe("PATCH /api/v1/users/me: one's own display time zone", () => {
  const served = appPerFile(sqlite);
  const patch = (headers: Record<string, string>, time_zone: unknown) =>
    served.app.inject({
      method: "PATCH",
      url: "/api/v1/users/me",
      headers,
      payload: { time_zone },
    });
  const whoAmI = async (headers: Record<string, string>) =>
    (await served.app.inject({ url: "/api/v1/session", headers })).json();

  it("starts unset (the organisation's), is set by the user and shows in who am I", async () => {
    const { headers } = await userWithToken(served.rt, "observer", "read");
    expect((await whoAmI(headers)).user.time_zone).toBeNull();

    const set = await patch(headers, "Europe/Berlin");
    expect(set.statusCode).toBe(200);
    expect(set.json().time_zone).toBe("Europe/Berlin");
    expect((await whoAmI(headers)).user.time_zone).toBe("Europe/Berlin");

    const cleared = await patch(headers, null);
    expect(cleared.json().time_zone).toBeNull();
    expect((await whoAmI(headers)).user.time_zone).toBeNull();
  });

  it("changes only the caller's own account", async () => {
    const a = await userWithToken(served.rt, "responder");
    const b = await userWithToken(served.rt, "responder");
    await patch(a.headers, "Asia/Tokyo");
    expect((await whoAmI(a.headers)).user.time_zone).toBe("Asia/Tokyo");
    expect((await whoAmI(b.headers)).user.time_zone).toBeNull();
  });

  it("refuses a zone that does not exist with a 400 naming the field", async () => {
    const { headers } = await userWithToken(served.rt, "responder");
    for (const zone of ["Mars/Olympus_Mons", "", "x".repeat(65), 7]) {
      const res = await patch(headers, zone);
      expect(res.statusCode, String(zone)).toBe(400);
      expect(res.headers["content-type"]).toMatch(/problem\+json/);
      expect(JSON.stringify(res.json())).toContain("time_zone");
    }
    expect((await whoAmI(headers)).user.time_zone).toBeNull();
  });

  it("needs someone signed in", async () => {
    expect((await patch({}, "Europe/Berlin")).statusCode).toBe(401);
  });
});
