import { describe, expect, it } from "vitest";
import { newAckClaim, signAckToken, verifyAckToken } from "./ack-token.js";

const SECRET = "a-secret-of-enough-length";
const now = new Date("2026-11-23T08:00:00Z");

describe("acknowledgement tokens", () => {
  it("round-trips a claim signed with the key, until it expires", () => {
    const claim = newAckClaim("inc-1", "person:ann", now, 60_000);
    const token = signAckToken(claim, SECRET);
    expect(token).toMatch(/^v1\.[\w-]+\.[\w-]+$/);
    expect(verifyAckToken(token, SECRET, now)).toEqual({ ok: true, claim });
    expect(verifyAckToken(token, SECRET, new Date(now.getTime() + 61_000))).toMatchObject({
      ok: false,
      reason: "expired",
    });
  });

  it("gives every link its own nonce", () => {
    const a = newAckClaim("inc-1", "person:ann", now);
    const b = newAckClaim("inc-1", "person:ann", now);
    expect(a.nonce).not.toBe(b.nonce);
    expect(a.nonce).toMatch(/^[\w-]{22}$/);
  });

  it("refuses another key, a changed payload and garbage", () => {
    const token = signAckToken(newAckClaim("inc-1", "person:ann", now), SECRET);
    expect(verifyAckToken(token, "another-secret-entirely", now)).toEqual({
      ok: false,
      reason: "bad_signature",
    });
    const [v, , mac] = token.split(".");
    const other = Buffer.from(JSON.stringify(["inc-2", "person:ann", 9e9, "n"])).toString(
      "base64url",
    );
    expect(verifyAckToken(`${v}.${other}.${mac}`, SECRET, now)).toMatchObject({
      reason: "bad_signature",
    });
    expect(verifyAckToken("v2.x.y", SECRET, now)).toMatchObject({ reason: "malformed" });
    expect(verifyAckToken("nonsense", SECRET, now)).toMatchObject({ reason: "malformed" });
  });
});
