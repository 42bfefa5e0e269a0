import { describe, expect, it } from "vitest";
import type { LintFinding } from "../api/documents";
import { findingPlace } from "./lint-link";

const finding = (file: string, path: string, line = 12): LintFinding => ({
  level: "error",
  file,
  line,
  column: 5,
  path,
  message: "m",
});

describe("lint findings link to what they are about", () => {
  it("points a procedure step finding at the step and its source line", () => {
    expect(
      findingPlace(
        finding("procedure/ransomware@v3", "procedure ransomware: steps.containment[0].role"),
      ),
    ).toEqual({
      kind: "procedure",
      id: "ransomware",
      version: 3,
      href: "/procedures/ransomware?version=3&step=containment.0",
      sourceHref: "/documents/procedure/ransomware/source?version=3#L12",
    });
  });

  it("points a plan finding at its section", () => {
    expect(
      findingPlace(finding("plan/default@v1", "plan default: escalation[2].steps"))?.href,
    ).toBe("/plan#escalation");
  });

  it("leaves findings about no known document unlinked", () => {
    expect(findingPlace(finding("upload", ""))).toBeUndefined();
  });
});
