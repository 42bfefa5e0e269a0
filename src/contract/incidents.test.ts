import { describe, expectTypeOf, it } from "vitest";
import type { Incident, Task } from "../domain/incident/model.js";
import type { IncidentView, TaskView } from "./incidents.js";

// The answers are the domain's records as they are: a field added to the model and not to the
// contract (or the other way round) fails the typecheck, instead of being dropped silently by
// the response serialiser.
describe("incident contract", () => {
  it("answers an incident exactly as the domain model holds it", () => {
    expectTypeOf<IncidentView>().toEqualTypeOf<Incident>();
  });

  it("answers a task exactly as the domain model holds it", () => {
    expectTypeOf<TaskView>().toEqualTypeOf<Task>();
  });
});
