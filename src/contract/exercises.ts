import { z } from "zod";
// Types only: the exercise body is typed by its schema; the contract runs no documents code.
import type { ExerciseDocument } from "../documents/exercise.schema.js";
import { storedBody } from "./documents.js";
import { ById, endpoint, Time, whole } from "./endpoint.js";

/** Exercises (documents) and their runs: start, answer, declare, finish, the report. */

const Format = z.enum(["drill", "tabletop"]);
const Expected = z.object({ incident_type: z.string(), severity: z.string() });

const ExerciseSummarySchema = z.object({
  id: z.string(),
  version: z.number(),
  title: z.string(),
  format: Format,
  summary: z.string().nullable(),
  expected: Expected,
  duration: z.string(),
  injects: z.number().describe("how many injects the scenario has"),
});

const RunStatus = z.enum(["running", "finished", "cancelled"]);

const ExerciseRunSchema = z.object({
  id: z.string(),
  human_id: z.string(),
  exercise_id: z.string(),
  exercise_version: z.number(),
  title: z.string(),
  expected_type: z.string(),
  plan_id: z.string(),
  plan_version: z.number(),
  speed: z.number(),
  status: RunStatus,
  started_at: Time,
  ends_at: Time,
  finished_at: Time.nullable(),
  started_by: z.string(),
  incident_ids: z.array(z.string()),
  signal_at: Time.nullable(),
  score: z.unknown().describe("the score with its items and gaps, once finished"),
  action_items: z.array(z.string()),
  version: z.number(),
  updated_at: Time,
});

/** Who did something in a run, as the run's log keeps it (domain/actor.ts). */
const RunActor = z.object({
  kind: z.enum(["person", "token", "rule", "integration", "system"]),
  id: z.string(),
  name: z.string().optional(),
  user_id: z.string().optional(),
  token_id: z.string().optional(),
  admin: z.boolean().optional(),
});

const AnswerSchema = z.object({
  inject_id: z.string(),
  choice: z.string().nullable(),
  text: z.string().nullable(),
  correct: z.boolean().nullable().describe("free-text answers: a facilitator's judgement"),
  by: z.string(),
  at: Time,
  after_ms: z.number().describe("scenario milliseconds between the question and the answer"),
});

const RunViewSchema = ExerciseRunSchema.extend({
  exercise: z.object({
    id: z.string(),
    version: z.number(),
    title: z.string(),
    format: Format,
    scenario: z.string(),
    expected: Expected,
    targets: z.object({
      acknowledge: z.string().nullable(),
      declare: z.string().nullable(),
      contain: z.string().nullable(),
    }),
    duration: z.string(),
  }),
  scenario_ms: z.number().describe("scenario time now (or at the end), in milliseconds"),
  injects: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      at: z.string(),
      due_at: Time,
      delivered_at: Time.nullable(),
      carries: z.array(z.enum(["events", "alerts", "message", "question"])),
      question: z
        .object({
          to: z.array(z.string()),
          text: z.string(),
          choices: z.array(z.object({ id: z.string(), text: z.string() })).nullable(),
          answer: AnswerSchema.nullable(),
        })
        .nullable(),
    }),
  ),
  incidents: z.array(
    z.object({
      id: z.string(),
      human_id: z.string(),
      title: z.string(),
      type: z.string(),
      severity: z.string(),
      phase: z.string(),
    }),
  ),
  log: z.array(
    z.object({
      seq: z.number(),
      at: Time,
      kind: z.string(),
      actor: RunActor,
      payload: z.record(z.string(), z.unknown()),
    }),
  ),
});

const ByRun = z.object({
  run: z.string().describe("run id or human id such as RUN-2026-0001"),
});

const StartRunBody = z.object({
  speed: z.number().int().min(1).max(3600).default(1).describe("scenario seconds per second"),
});

const AnswerBody = z.object({
  inject: z.string().describe("the question inject's id"),
  choice: z.string().optional(),
  text: z.string().max(5000).optional(),
  correct: z.boolean().optional().describe("facilitators: judge a free-text answer"),
});

const DeclareBody = z.object({
  incident: z.string().optional().describe("link this exercise incident instead of declaring"),
  type: z.string().optional(),
  severity: z.string().optional(),
  title: z.string().max(300).optional(),
});

export const exercises = {
  list: endpoint({
    method: "GET",
    path: "/exercises",
    response: whole(ExerciseSummarySchema),
  }),
  get: endpoint({
    method: "GET",
    path: "/exercises/:id",
    description: "The exercise document (its answers included: for facilitators).",
    params: ById,
    response: ExerciseSummarySchema.extend({
      body: storedBody<ExerciseDocument>(),
      source: z.string(),
    }),
  }),
  start: endpoint({
    method: "POST",
    path: "/exercises/:id/runs",
    description:
      "Starts a run: injects are replayed on schedule (time compressed by speed) through the real pipeline; what they declare is an exercise incident.",
    params: ById,
    body: StartRunBody,
    response: RunViewSchema,
    status: 201,
  }),
  runs: endpoint({
    method: "GET",
    path: "/exercise-runs",
    query: z.object({
      status: RunStatus.optional(),
      limit: z.coerce.number().int().min(1).max(500).default(50),
    }),
    response: whole(ExerciseRunSchema),
  }),
  run: endpoint({
    method: "GET",
    path: "/exercise-runs/:run",
    params: ByRun,
    response: RunViewSchema,
  }),
  answer: endpoint({
    method: "POST",
    path: "/exercise-runs/:run/answers",
    params: ByRun,
    body: AnswerBody,
    response: RunViewSchema,
    status: 201,
  }),
  declare: endpoint({
    method: "POST",
    path: "/exercise-runs/:run/incident",
    description: "Declares the run's exercise incident by hand, or links an existing one.",
    params: ByRun,
    body: DeclareBody,
    response: RunViewSchema,
    status: 201,
  }),
  finish: endpoint({
    method: "POST",
    path: "/exercise-runs/:run/finish",
    description: "Ends the run now and scores it; gaps become action items.",
    params: ByRun,
    body: z.object({ reason: z.string().max(500).optional() }).optional(),
    response: RunViewSchema,
  }),
  cancel: endpoint({
    method: "POST",
    path: "/exercise-runs/:run/cancel",
    params: ByRun,
    body: z.object({ reason: z.string().min(1).max(500) }),
    response: RunViewSchema,
  }),
  report: endpoint({
    method: "GET",
    path: "/exercise-runs/:run/report",
    description:
      "The exercise after-action report, as the file itself (Markdown, self-contained HTML or PDF), or with as_json=true as JSON carrying it (base64), which is what the 200 answer below describes.",
    params: ByRun,
    query: z.object({
      format: z.enum(["md", "html", "pdf"]).default("html"),
      as_json: z
        .enum(["true", "false"])
        .optional()
        .describe("answer JSON with the content (base64 for PDF), for the CLI"),
    }),
    response: z.object({
      title: z.string(),
      format: z.enum(["md", "html", "pdf"]),
      media_type: z.string(),
      content_base64: z.string(),
    }),
  }),
};

export type ExerciseRunView = z.output<typeof ExerciseRunSchema>;
export type RunViewAnswer = z.output<typeof RunViewSchema>;
