import { z } from "zod";
import { PREPARATION_KINDS } from "../../documents/preparation.schema.js";

/**
 * Request and response schemas of the preparation API (readiness programme, plan approval,
 * role cards, the offline kit, exercises). Responses name the fields clients rely on and let
 * nested detail through (`looseObject`), so the OpenAPI document stays readable.
 */

const Time = z.string().describe("ISO 8601 UTC");

export const ActivitySchema = z.looseObject({
  id: z.string(),
  title: z.string(),
  kind: z.enum(PREPARATION_KINDS),
  description: z.string().nullable(),
  owner_role: z.string(),
  owners: z.array(z.string()).describe("person ids holding the owner role"),
  cadence: z.string(),
  evidence: z.array(z.string()).describe("what a completion must leave behind"),
  state: z.enum(["ok", "due_soon", "overdue"]),
  due_at: Time,
  warn_at: Time,
  overdue_by_ms: z.number().nullable(),
  last_done_at: Time.nullable(),
  last_done_by: z.string().nullable(),
  listed_since: Time,
});

export const CompletionSchema = z.looseObject({
  id: z.string(),
  activity_id: z.string(),
  plan_id: z.string(),
  plan_version: z.number(),
  outcome: z.enum(["done", "failed"]),
  completed_at: Time,
  recorded_at: Time,
  completed_by: z.string(),
  evidence: z.array(z.string()),
  notes: z.string(),
  result: z.unknown(),
});

export const CompletionBody = z.object({
  evidence: z
    .array(z.string().min(1).max(2000))
    .max(50)
    .describe("references, links or summaries that prove it was done"),
  notes: z.string().max(10_000).optional(),
  completed_at: z.string().optional().describe("when it was done, if earlier (ISO 8601)"),
});

export const ComponentSchema = z.looseObject({
  id: z.string(),
  title: z.string(),
  weight: z.number(),
  score: z.number(),
  status: z.enum(["ok", "warning", "failing"]),
  summary: z.string(),
  reasons: z.array(z.string()),
});

export const ReadinessSchema = z.looseObject({
  score: z.number().int().describe("0 to 100"),
  taken_at: Time,
  plan: z.object({ id: z.string(), version: z.number() }),
  components: z.array(ComponentSchema),
  options: z.object({ exercised_within: z.string(), coverage_window: z.string() }),
});

export const ReadinessQuery = z.object({
  exercised_within: z.string().optional().describe("ISO 8601 duration; default P12M"),
  coverage_window: z.string().optional().describe("ISO 8601 duration; default P7D"),
});

export const HistoryQuery = z.object({
  from: z.string().optional(),
  to: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(5000).optional(),
});

export const StartRunBody = z.object({
  speed: z.number().int().min(1).max(3600).default(1).describe("scenario seconds per second"),
});

export const AnswerBody = z.object({
  inject: z.string().describe("the question inject's id"),
  choice: z.string().optional(),
  text: z.string().max(5000).optional(),
  correct: z.boolean().optional().describe("facilitators: judge a free-text answer"),
});

export const DeclareBody = z.object({
  incident: z.string().optional().describe("link this exercise incident instead of declaring"),
  type: z.string().optional(),
  severity: z.string().optional(),
  title: z.string().max(300).optional(),
});

export const RunSchema = z.looseObject({
  id: z.string(),
  human_id: z.string(),
  exercise_id: z.string(),
  exercise_version: z.number(),
  title: z.string(),
  speed: z.number(),
  status: z.enum(["running", "finished", "cancelled"]),
  started_at: Time,
  ends_at: Time,
  finished_at: Time.nullable(),
  incident_ids: z.array(z.string()),
  score: z.unknown().describe("the score with its items and gaps, once finished"),
  action_items: z.array(z.string()),
});

/** A `format` query parameter with its allowed values and default. */
export const FormatQuery = (formats: readonly [string, ...string[]], fallback: string) =>
  z.object({ format: z.enum(formats).default(fallback) });
