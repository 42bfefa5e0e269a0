import { z } from "zod";
import { INCIDENT_PHASES } from "../domain/incident/phase.js";
import { SEARCH_KINDS } from "../domain/search/kinds.js";
import { MAX_QUERY_LENGTH, MAX_SEARCH_LIMIT } from "../domain/search/limits.js";
import { endpoint, page, Time } from "./endpoint.js";

/** Full-text search across incidents (docs/search.md). */

const SearchQuerySchema = z.object({
  q: z
    .string()
    .min(1)
    .max(MAX_QUERY_LENGTH)
    .describe(
      'words (all must match), "a phrase", prefix*; indicators match exactly and in defanged form',
    ),
  type: z.string().max(200).optional(),
  severity: z.string().max(200).optional(),
  phase: z.enum(INCIDENT_PHASES).optional(),
  tag: z
    .string()
    .max(500)
    .optional()
    .describe("carried by one of the incident's alerts or indicators"),
  since: Time.max(100).optional().describe("declared at or after"),
  until: Time.max(100).optional().describe("declared before"),
  exercise: z.enum(["true", "false"]).optional().describe("include exercises"),
  limit: z.coerce.number().int().min(1).max(MAX_SEARCH_LIMIT).default(20),
  cursor: z.string().max(100).optional(),
});

const SnippetSchema = z.object({
  kind: z.enum(SEARCH_KINDS).describe("what matched: the title, a task, an indicator, …"),
  ref: z.string().describe("which record: its id (a timeline entry: <incident id>:<seq>)"),
  parts: z
    .array(z.object({ text: z.string(), match: z.boolean() }))
    .describe("the passage, with the matched words as parts of their own"),
});

const SearchResultSchema = z.object({
  id: z.string(),
  human_id: z.string(),
  title: z.string(),
  type: z.string(),
  severity: z.string(),
  phase: z.enum(INCIDENT_PHASES),
  declared_at: Time,
  restricted: z.boolean(),
  score: z.number().describe("relevance: higher is better; comparable within one answer"),
  snippets: z.array(SnippetSchema),
});

export const search = {
  incidents: endpoint({
    method: "GET",
    path: "/search",
    description:
      "Full-text search across incidents: titles, descriptions, notes and decisions, timeline text, tasks, indicators, evidence, assets and lessons. Incidents best first, each with the passages that matched.",
    query: SearchQuerySchema,
    response: page(SearchResultSchema),
  }),
};

export type SearchResultItem = z.output<typeof SearchResultSchema>;
