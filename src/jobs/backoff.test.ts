import { describe, expect, it } from "vitest";
import { backoffDelay, DEFAULT_BACKOFF } from "./backoff.js";

describe("backoff", () => {
  it("doubles from the base after each failed attempt and stops at the cap", () => {
    const policy = { baseMs: 100, maxMs: 1000 };
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, policy))).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ]);
  });

  it("takes another factor and defaults to 2 s, 4 s, 8 s … capped at five minutes", () => {
    expect(backoffDelay(3, { baseMs: 10, factor: 3, maxMs: 1e6 })).toBe(90);
    expect(backoffDelay(1)).toBe(2000);
    expect(backoffDelay(2)).toBe(4000);
    expect(backoffDelay(30)).toBe(DEFAULT_BACKOFF.maxMs);
  });
});
