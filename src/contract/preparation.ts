import { z } from "zod";
import { PREPARATION_KINDS, READINESS_COMPONENTS } from "../domain/preparation-kind.js";
import { endpoint, Time, whole } from "./endpoint.js";

/** The readiness programme (the plan's preparation activities, their completions) and the score. */

const ActivitySchema = z.object({
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
  warn_at: Time.describe("from when reminders say 'due soon'"),
  overdue_by_ms: z.number().nullable(),
  last_done_at: Time.nullable(),
  last_done_by: z.string().nullable(),
  listed_since: Time.describe("when the plan first listed the activity"),
});

const CompletionSchema = z.object({
  id: z.string(),
  activity_id: z.string(),
  plan_id: z.string(),
  plan_version: z.number(),
  outcome: z.enum(["done", "failed"]).describe("failed: an automatic check that did not pass"),
  completed_at: Time,
  recorded_at: Time,
  completed_by: z.string(),
  evidence: z.array(z.string()),
  notes: z.string(),
  result: z.unknown().describe("what an automatic check found (the log source coverage)"),
});

const ActivityWithHistory = ActivitySchema.extend({ history: z.array(CompletionSchema) });

const CompletionBody = z.object({
  evidence: z
    .array(z.string().min(1).max(2000))
    .max(50)
    .describe("references, links or summaries that prove it was done"),
  notes: z.string().max(10_000).optional(),
  completed_at: z.string().optional().describe("when it was done, if earlier (ISO 8601)"),
});

const ComponentSchema = z.object({
  id: z.enum(READINESS_COMPONENTS),
  title: z.string(),
  weight: z.number(),
  score: z.number().describe("points earned, 0..weight, one decimal"),
  status: z.enum(["ok", "warning", "failing"]),
  summary: z.string(),
  reasons: z.array(z.string()).describe("what costs points, one line each"),
});

const ReadinessSchema = z.object({
  score: z.number().int().describe("0 to 100"),
  taken_at: Time,
  plan: z.object({ id: z.string(), version: z.number() }),
  components: z.array(ComponentSchema),
  options: z.object({ exercised_within: z.string(), coverage_window: z.string() }),
});

const ReadinessPointSchema = z.object({
  taken_at: Time,
  score: z.number(),
  plan_version: z.number(),
  components: z.array(
    z.object({
      id: z.string(),
      score: z.number(),
      weight: z.number(),
      status: z.string(),
      summary: z.string(),
    }),
  ),
});

const LogSourceCoverageSchema = z.object({
  since: Time,
  until: Time,
  sampled_events: z.number().describe("events read to decide (a sample per sender and day)"),
  needed: z.number(),
  seen: z.number(),
  ratio: z.number().nullable().describe("seen / needed; null when no rule needs anything"),
  sources: z.array(
    z.object({
      label: z.string().describe("`windows / process_creation`, `linux / auditd`, `any`"),
      logsource: z.object({
        product: z.string().optional(),
        category: z.string().optional(),
        service: z.string().optional(),
      }),
      rules: z.number(),
      rule_titles: z.array(z.string()).describe("the first few rules that need it"),
      seen: z.boolean(),
      sampled_events: z.number(),
    }),
  ),
  unused: z.array(z.string()).describe("log sources events came from that no rule uses"),
});

const ByActivity = z.object({ id: z.string().describe("the activity's id in the plan") });

export const preparation = {
  activities: endpoint({
    method: "GET",
    path: "/preparation",
    description: "The plan's preparation activities: when each is due, overdue or not.",
    response: whole(ActivitySchema),
  }),
  completions: endpoint({
    method: "GET",
    path: "/preparation/completions",
    description: "Every recorded completion and automatic check, newest first.",
    query: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(200) }),
    response: whole(CompletionSchema),
  }),
  activity: endpoint({
    method: "GET",
    path: "/preparation/:id",
    params: ByActivity,
    response: ActivityWithHistory,
  }),
  complete: endpoint({
    method: "POST",
    path: "/preparation/:id/completions",
    description:
      "Records that the activity was done, with its evidence; the next cycle counts from it.",
    params: ByActivity,
    body: CompletionBody,
    response: z.object({
      completion: CompletionSchema,
      activity: ActivityWithHistory,
      readiness_score: z.number(),
    }),
    status: 201,
  }),
  readiness: endpoint({
    method: "GET",
    path: "/readiness",
    description:
      "The readiness score (0–100) now, with every part and the reasons it loses points.",
    query: z.object({
      exercised_within: z.string().optional().describe("ISO 8601 duration; default P12M"),
      coverage_window: z.string().optional().describe("ISO 8601 duration; default P7D"),
    }),
    response: ReadinessSchema,
  }),
  history: endpoint({
    method: "GET",
    path: "/readiness/history",
    description: "Stored readiness snapshots, oldest first (for the dashboard's chart).",
    query: z.object({
      from: z.string().optional(),
      to: z.string().optional(),
      limit: z.coerce.number().int().min(1).max(5000).optional(),
    }),
    response: whole(ReadinessPointSchema),
  }),
  logSources: endpoint({
    method: "GET",
    path: "/readiness/log-sources",
    description: "Log sources the detection rules need against the events received.",
    query: z.object({ window: z.string().default("P7D") }),
    response: LogSourceCoverageSchema,
  }),
};

export type ActivityView = z.output<typeof ActivitySchema>;
export type CompletionView = z.output<typeof CompletionSchema>;
export type ReadinessView = z.output<typeof ReadinessSchema>;
export type ReadinessPointView = z.output<typeof ReadinessPointSchema>;
export type LogSourceCoverageView = z.output<typeof LogSourceCoverageSchema>;
