import { describe, expectTypeOf, it } from "vitest";
import type { RoleAssignment } from "../domain/incident/model.js";
import type { RoleAssignmentView } from "./roles.js";

describe("role contract", () => {
  it("answers an assignment as the domain model holds it, saying whether it is current", () => {
    expectTypeOf<Omit<RoleAssignmentView, "current">>().toEqualTypeOf<RoleAssignment>();
    expectTypeOf<RoleAssignmentView["current"]>().toEqualTypeOf<boolean>();
  });
});
