import { describe, expect, it } from "vitest";
import { appPerTest } from "../../../test/support/app.js";
import { TEST_DIALECTS } from "../../../test/support/databases.js";
import { PASSWORD, signInOver, userWithToken } from "../../../test/support/identity.js";
import { IP_WINDOW_MS } from "../../auth/sign-in-throttle.js";
import { fixedClock } from "../../domain/clock.js";

const sqlite = TEST_DIALECTS[0] as (typeof TEST_DIALECTS)[number];

describe("sign-in limits", () => {
  const clock = fixedClock("2026-03-02T09:00:00Z");
  const served = appPerTest(sqlite, { clock });

  const signIn = (email: string, password: string, ip: string) =>
    signInOver(served.app, email, password, ip);

  it("rate-limits and audits 1,000 wrong passwords; the real user still signs in", async () => {
    const { user } = await userWithToken(served.rt, "responder");
    const attacker = "198.51.100.66";
    const codes = new Map<number, number>();
    for (let i = 0; i < 1000; i++) {
      // The same account, and others, from one address.
      const email = i % 3 === 0 ? user.email : `guess${i}@example.org`;
      const res = await signIn(email, `wrong-${i}`, attacker);
      codes.set(res.statusCode, (codes.get(res.statusCode) ?? 0) + 1);
      if (res.statusCode === 429) expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
    }
    expect([...codes.keys()].sort()).toEqual([401, 429]);
    expect(codes.get(401)).toBeLessThanOrEqual(20);
    expect(codes.get(429)).toBeGreaterThanOrEqual(980);

    // Every attempt is on record: failures and refusals.
    const failed = await served.rt.audit.list({ action: "sign_in.failed" }, 2000);
    const throttled = await served.rt.audit.list({ action: "sign_in.throttled" }, 2000);
    expect(failed.length + throttled.length).toBe(1000);
    expect(throttled.every((e) => e.ip === attacker && e.outcome === "denied")).toBe(true);
    expect((await served.rt.audit.list({}, 1))[0]?.seq).toBeGreaterThanOrEqual(1000);

    // The owner, from their own machine, is not locked out…
    const owner = await signIn(user.email, PASSWORD, "203.0.113.10");
    expect(owner.statusCode, owner.body).toBe(200);
    // …and from the attacker's address too, once the window has passed.
    expect((await signIn(user.email, PASSWORD, attacker)).statusCode).toBe(429);
    clock.advance(IP_WINDOW_MS + 1000);
    const later = await signIn(user.email, PASSWORD, attacker);
    expect(later.statusCode, later.body).toBe(200);
    const verify = await served.app.inject({
      method: "GET",
      url: "/api/v1/audit/verify",
      headers: (await userWithToken(served.rt, "admin")).headers,
    });
    expect(verify.json()).toMatchObject({ intact: true });
  }, 300_000);

  it("slows guessing one account down with a delay that doubles, per address", async () => {
    const { user } = await userWithToken(served.rt, "observer");
    const ip = "198.51.100.70";
    for (let i = 0; i < 5; i++) expect((await signIn(user.email, "nope", ip)).statusCode).toBe(401);
    const first = await signIn(user.email, PASSWORD, ip);
    expect(first.statusCode).toBe(429);
    expect(Number(first.headers["retry-after"])).toBe(30);
    clock.advance(31_000);
    expect((await signIn(user.email, "nope again", ip)).statusCode).toBe(401);
    const second = await signIn(user.email, PASSWORD, ip);
    expect(Number(second.headers["retry-after"])).toBe(60);
    clock.advance(61_000);
    expect((await signIn(user.email, PASSWORD, ip)).statusCode).toBe(200);
    // A success clears the account's count at that address.
    expect((await signIn(user.email, "nope", ip)).statusCode).toBe(401);
  }, 120_000);

  it("refuses a burst of parallel guesses beyond the free ones before any is checked", async () => {
    const { user } = await userWithToken(served.rt, "responder");
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => signIn(user.email, `parallel-${i}`, "198.51.100.80")),
    );
    const checked = results.filter((r) => r.statusCode === 401).length;
    expect(checked).toBeLessThanOrEqual(5);
    expect(results.filter((r) => r.statusCode === 429).length).toBe(30 - checked);
  }, 120_000);
});
