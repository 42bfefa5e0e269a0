import { search } from "../../../src/contract/search";
import type { IncidentPhase } from "../../../src/domain/incident/phase";
import { client } from "./client";

/** Full-text search across incidents (`src/contract/search.ts`). */

export type { SearchResultItem as SearchResult } from "../../../src/contract/search";

export interface SearchFilter {
  q: string;
  type?: string;
  severity?: string;
  phase?: IncidentPhase;
  tag?: string;
  since?: string;
  until?: string;
  exercise?: boolean;
  cursor?: string;
}

export const searchApi = {
  incidents: ({ exercise, ...filter }: SearchFilter, signal?: AbortSignal) =>
    client.call(
      search.incidents,
      { query: { ...filter, exercise: exercise ? "true" : undefined } },
      { signal },
    ),
};
