import { describe, expect, it } from "vitest";
import { appPerTest } from "../../../test/support/app.js";
import { TEST_DIALECTS } from "../../../test/support/databases.js";
import { PASSWORD, signInOver, userWithToken } from "../../../test/support/identity.js";
import { currentSetupCode } from "../../auth/setup.service.js";

const cookieOf = (setCookie: string | string[] | undefined) =>
  String(Array.isArray(setCookie) ? setCookie[0] : setCookie).split(";")[0] as string;

describe.each(TEST_DIALECTS)("first start with the setup code on $name", (dialect) => {
  const served = appPerTest(dialect);

  const status = async () =>
    (await served.app.inject({ method: "GET", url: "/api/v1/setup" })).json().needed;
  const setUp = (code: string, email = "ada@example.org", ip = "203.0.113.9") =>
    served.app.inject({
      method: "POST",
      url: "/api/v1/setup",
      payload: { code, email, name: "Ada Lovelace", password: PASSWORD },
      remoteAddress: ip,
    });

  it("creates the first admin, signs them in and voids the code", async () => {
    expect(await status()).toBe(true);
    const code = (await currentSetupCode(served.rt)) as string;
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    // The same code for every caller (every node, the CLI) until it is used.
    expect(await currentSetupCode(served.rt)).toBe(code);

    // Typed loosely: lower case, spaces instead of dashes.
    const res = await setUp(code.toLowerCase().replaceAll("-", " "));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      user: { email: "ada@example.org", name: "Ada Lovelace", role: "admin" },
      role: "admin",
      via: "session",
    });
    const me = await served.app.inject({
      method: "GET",
      url: "/api/v1/session",
      headers: { cookie: cookieOf(res.headers["set-cookie"]) },
    });
    expect(me.json()).toMatchObject({ via: "session", role: "admin" });
    expect(await status()).toBe(false);
    expect(await served.rt.setupCode.current()).toBeUndefined();
    expect(await currentSetupCode(served.rt)).toBeUndefined();

    // The code is spent and setup is done: 409, whatever the code.
    const again = await setUp(code, "eve@example.org");
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain("already set up");
    expect((await signInOver(served.app, "ada@example.org")).statusCode).toBe(200);
    const audit = await served.rt.audit.list({ action: "setup.completed" }, 5);
    expect(audit).toHaveLength(1);
  });

  it("refuses a wrong code with 403, and throttles the guesses", async () => {
    const code = (await currentSetupCode(served.rt)) as string;
    const wrong = code.replace(/^./, (c) => (c === "A" ? "B" : "A"));
    const first = await setUp(wrong);
    expect(first.statusCode).toBe(403);
    expect(first.headers["content-type"]).toContain("application/problem+json");
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await setUp(wrong)).statusCode);
    expect(statuses).toContain(429);
    const limited = await setUp(code);
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    // Another address is not held back, and the right code still works there.
    expect((await setUp(code, "ada@example.org", "198.51.100.4")).statusCode).toBe(201);
  });

  it("keeps the code when the password is refused", async () => {
    const code = (await currentSetupCode(served.rt)) as string;
    const res = await served.app.inject({
      method: "POST",
      url: "/api/v1/setup",
      payload: { code, email: "ada@example.org", name: "Ada", password: "short" },
    });
    expect(res.statusCode).toBe(400);
    expect(await served.rt.setupCode.current()).toBe(code);
    expect(await status()).toBe(true);
  });

  it("lets only one of two concurrent setups win", async () => {
    const code = (await currentSetupCode(served.rt)) as string;
    const results = await Promise.all([
      setUp(code, "one@example.org"),
      setUp(code, "two@example.org"),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(await served.rt.identity.countUsers()).toBe(1);
  });

  it("says how to get a code when none was made (the server makes one at start)", async () => {
    const res = await setUp("AAAA-AAAA-AAAA-AAAA");
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain("firebreak setup-code");
  });

  it("answers 409 once a user exists, and makes no code", async () => {
    await userWithToken(served.rt, "admin");
    expect(await status()).toBe(false);
    expect(await currentSetupCode(served.rt)).toBeUndefined();
    const res = await setUp("AAAA-AAAA-AAAA-AAAA");
    expect(res.statusCode).toBe(409);
    expect(await served.rt.identity.countUsers()).toBe(1);
  });

  it("refuses a setup posted from another site's page", async () => {
    const code = (await currentSetupCode(served.rt)) as string;
    const res = await served.app.inject({
      method: "POST",
      url: "/api/v1/setup",
      headers: { origin: "https://evil.example" },
      payload: { code, email: "ada@example.org", name: "Ada", password: PASSWORD },
    });
    expect(res.statusCode).toBe(403);
    expect(await status()).toBe(true);
  });
});
