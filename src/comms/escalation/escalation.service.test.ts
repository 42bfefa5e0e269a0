import { describe, expect, it } from "vitest";
import { nextPosition } from "./escalation.service.js";

const path = {
  severity: "emergency",
  repeat: 1,
  steps: [
    { notify: ["role:commander"], after: "PT15M" },
    { notify: ["role:deputy-commander"], after: "PT15M" },
  ],
};

describe("nextPosition", () => {
  it("walks the steps, runs the path `repeat` more times, then ends", () => {
    const walk = [];
    let p: { round: number; step: number } | null = { round: 0, step: 0 };
    while (p) {
      walk.push(`${p.round}.${p.step}`);
      p = nextPosition(path, p);
    }
    expect(walk).toEqual(["0.0", "0.1", "1.0", "1.1"]);
    expect(nextPosition({ ...path, repeat: 0 }, { round: 0, step: 1 })).toBeNull();
  });
});
