import { describe, expect, it } from "vitest";
import { formatSpan } from "./span.js";

describe("formatSpan", () => {
  it("shows the two largest units and drops a zero second unit", () => {
    expect(formatSpan(0)).toBe("0 s");
    expect(formatSpan(45_000)).toBe("45 s");
    expect(formatSpan(3 * 3_600_000 + 12 * 60_000 + 5_000)).toBe("3 h 12 min");
    expect(formatSpan(2 * 86_400_000 + 4 * 3_600_000)).toBe("2 d 4 h");
    expect(formatSpan(86_400_000 + 30_000)).toBe("1 d");
    expect(formatSpan(-90 * 60_000)).toBe("1 h 30 min");
  });
});
