import { problems, type TransitionInput } from "../../../src/contract/problems";
import { client } from "./client";

/** Problem records, as the problem pages call them (`src/contract/problems.ts`). */

export type { ProblemDetail } from "../../../src/contract/problems";

const on = (id: string) => ({ params: { id } });

export const problemsApi = {
  list: (filter: { state?: string[]; q?: string; cursor?: string }, signal?: AbortSignal) =>
    client.call(
      problems.list,
      {
        query: {
          state: filter.state?.join(","),
          q: filter.q?.trim() || undefined,
          cursor: filter.cursor,
        },
      },
      { signal },
    ),
  get: (id: string, signal?: AbortSignal) => client.call(problems.get, on(id), { signal }),
  open: (input: { title: string; description?: string; incidents?: string[] }) =>
    client.call(problems.open, { body: input }),
  link: (id: string, incidents: string[]) =>
    client.call(problems.link, { ...on(id), body: { incidents } }),
  transition: (id: string, input: TransitionInput, version: number) =>
    client.call(problems.transition, { ...on(id), body: input }, { ifMatch: version }),
};
