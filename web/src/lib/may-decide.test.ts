import { describe, expect, it } from "vitest";
import { mayDecide } from "./may-decide";

const named = { required_approvers: ["ana", "bo"], eligible_approvers: ["ana", "bo", "cy"] };
const unnamed = { required_approvers: [], eligible_approvers: ["cy"] };

describe("mayDecide", () => {
  it("offers the decision to the named approvers only, when the plan names some", () => {
    expect(mayDecide(named, { person: "ana", admin: false }, false)).toBe(true);
    expect(mayDecide(named, { person: "cy", admin: false }, false)).toBe(false);
    expect(mayDecide(named, { person: "zed", admin: true }, false)).toBe(false);
  });

  it("offers it to anyone eligible, or an admin, when the plan names no approvers", () => {
    expect(mayDecide(unnamed, { person: "cy", admin: false }, false)).toBe(true);
    expect(mayDecide(unnamed, { person: "ana", admin: false }, false)).toBe(false);
    expect(mayDecide(unnamed, { person: undefined, admin: true }, false)).toBe(true);
  });

  it("offers it to an admin under the built-in example plan (ADR 0003)", () => {
    expect(mayDecide(named, { person: "user-1", admin: true }, true)).toBe(true);
    expect(mayDecide(named, { person: "user-1", admin: false }, true)).toBe(false);
  });
});
