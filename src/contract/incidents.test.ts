import { describe, expectTypeOf, it } from "vitest";
import type { Task } from "../domain/incident/model.js";
import type { TaskView } from "./incidents.js";

// An answer that mirrors a domain record is checked against it: a field added to the model and
// not to the contract (or the other way round) fails the typecheck, instead of being dropped
// silently by the response serialiser. (The incident itself is answered with the model's own
// schema, `IncidentSchema` in domain/incident/model.ts, so it cannot drift.)
describe("incident contract", () => {
  it("answers a task exactly as the domain model holds it", () => {
    expectTypeOf<TaskView>().toEqualTypeOf<Task>();
  });
});
