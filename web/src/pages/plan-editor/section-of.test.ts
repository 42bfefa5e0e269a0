import { describe, expect, it } from "vitest";
import { sectionOf } from "./section-of";

describe("the section a refusal belongs to", () => {
  it("places lint and schema paths, with or without the document prefix", () => {
    const at = (path: string, message = "m") => sectionOf({ path, message });
    expect(at("plan default: team[2].contacts[0].address")).toBe("team");
    expect(at("approval.by[0]")).toBe("team");
    expect(at("plan default: on_call[0].people[1]")).toBe("on-call");
    expect(at("plan default: communication.audiences[1].channels[0]")).toBe("channels");
    expect(at("plan default: escalation[1].steps[0].notify[2]")).toBe("escalation");
    expect(at("plan default: compliance[3].trigger")).toBe("obligations");
    expect(at("organisation.time_zone")).toBe("organisation");
    expect(at("plan default: severity_scale[0]")).toBeUndefined();
  });

  it("puts a role nobody fills under roles, wherever lint found it", () => {
    expect(
      sectionOf({
        path: "procedure ransomware: steps.containment[0].role",
        message: "role 'scribe' is not filled by anyone in the plan's team",
      }),
    ).toBe("roles");
  });
});
