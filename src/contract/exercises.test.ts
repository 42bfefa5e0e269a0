import { describe, expectTypeOf, it } from "vitest";
import type { AnswerOf } from "../client/client.js";
import type { ExerciseDocument } from "../documents/exercise.schema.js";
import type { RunView } from "../preparation/exercise/run-view.js";
import type { ExerciseRun } from "../preparation/preparation.types.js";
import type { ExerciseRunView, exercises, RunViewAnswer } from "./exercises.js";

// Runs are answered as the preparation room holds and shows them: a field added there and not
// here (which the response schema would drop) fails the typecheck.

/** RunView is an intersection (ExerciseRun & …), which the identity check tells from one object. */
type Flat<T> = { [K in keyof T]: T[K] };
describe("exercise contract", () => {
  it("answers a run exactly as stored, and its view exactly as run-view makes it", () => {
    expectTypeOf<ExerciseRunView>().toEqualTypeOf<ExerciseRun>();
    expectTypeOf<RunViewAnswer>().toEqualTypeOf<Flat<RunView>>();
  });

  it("types the exercise body by the exercise document's schema", () => {
    expectTypeOf<AnswerOf<typeof exercises.get>["body"]>().toEqualTypeOf<ExerciseDocument>();
  });
});
