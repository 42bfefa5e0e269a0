import { z } from "zod";
import { Duration, Id, Markdown } from "./common.schema.js";
import { Recipient } from "./plan.schema.js";

/**
 * Exercise documents (`kind: exercise`): a drill or tabletop scenario that Firebreak replays
 * through the real pipeline with the resulting incident flagged as an exercise (see
 * docs/preparation.md). Offsets (`at`, `duration`, targets) are scenario time; a run at speed
 * 60 plays an hour in a minute.
 */

/** A question put to the team, with the decision the plan expects. */
export const ExerciseQuestion = z
  .strictObject({
    /** Who is asked: `role:<id>`, `person:<id>` or `channel:<id>`. */
    to: z.array(Recipient).min(1),
    text: Markdown,
    /** Answer options; with them the answer is scored automatically. */
    choices: z
      .array(z.strictObject({ id: Id, text: z.string().min(1) }))
      .min(2)
      .optional(),
    /** The expected decision: a choice id, or (without choices) the answer in words. */
    expected: z.string().min(1),
    /** Why the plan expects it: the passage that decides, shown in the report. */
    rationale: z.string().min(1).optional(),
    /** An answer later than this (scenario time after the question) counts as a late decision. */
    answer_within: Duration.optional(),
  })
  .refine((q) => !q.choices || q.choices.some((c) => c.id === q.expected), {
    message: "'expected' must be the id of one of the choices",
    path: ["expected"],
  });

/** An alert as an external monitor would send it (PagerDuty, Alertmanager, a webhook). */
export const ExerciseAlert = z.strictObject({
  source: z.enum(["pagerduty", "alertmanager", "webhook"]).default("webhook"),
  title: z.string().min(1),
  /** A severity id on the plan's scale. */
  severity: Id,
  host: z.string().min(1).optional(),
  user: z.string().min(1).optional(),
  source_ip: z.string().min(1).optional(),
  tags: z.array(z.string().min(1)).default([]),
  /** What the monitor would attach (shown with the alert). */
  details: z.record(z.string(), z.unknown()).default({}),
});

/** A message to the team: a phone call from the help desk, a customer e-mail, a press query. */
export const ExerciseMessage = z.strictObject({
  to: z.array(Recipient).min(1),
  subject: z.string().min(1).max(200),
  text: Markdown,
});

export const ExerciseInject = z
  .strictObject({
    id: Id,
    /** When, counted from the start of the run (scenario time). */
    at: Duration,
    title: z.string().min(1),
    /** Notes for the facilitator; not sent to anyone. */
    notes: Markdown.optional(),
    /**
     * Raw events to replay through ingestion (Windows event JSON as evtx_dump writes it, ECS or
     * flat JSON). Their time stamps are moved to the moment of replay.
     */
    events: z.array(z.record(z.string(), z.unknown())).min(1).optional(),
    alerts: z.array(ExerciseAlert).min(1).optional(),
    message: ExerciseMessage.optional(),
    question: ExerciseQuestion.optional(),
  })
  .refine((i) => i.events || i.alerts || i.message || i.question, {
    message: "an inject needs events, alerts, a message or a question",
  });

export const ExerciseDocument = z.strictObject({
  kind: z.literal("exercise"),
  id: Id,
  version: z.string().min(1),
  title: z.string().min(1),
  /** `drill`: the team works the incident in Firebreak; `tabletop`: they talk it through. */
  format: z.enum(["drill", "tabletop"]).default("drill"),
  summary: z.string().min(1).optional(),
  /** The story the facilitator reads out at the start. */
  scenario: Markdown,
  objectives: z.array(z.string().min(1)).default([]),
  /** Roles expected to take part. */
  participants: z.array(Id).default([]),
  /** What the team should conclude: the incident type and severity the plan calls for. */
  expected: z.strictObject({ incident_type: Id, severity: Id }),
  /**
   * Scenario-time targets: acknowledge and contain count from the declaration (as the plan's
   * targets do), declare from the first signal. Unset: the plan's targets for the expected
   * severity (declare is then not scored).
   */
  targets: z
    .strictObject({
      acknowledge: Duration.optional(),
      declare: Duration.optional(),
      contain: Duration.optional(),
    })
    .prefault({}),
  /** How long the run lasts (scenario time) before it ends and is scored by itself. */
  duration: Duration,
  injects: z.array(ExerciseInject).min(1),
});

export type ExerciseDocument = z.infer<typeof ExerciseDocument>;
export type ExerciseInject = z.infer<typeof ExerciseInject>;
export type ExerciseQuestion = z.infer<typeof ExerciseQuestion>;
export type ExerciseAlert = z.infer<typeof ExerciseAlert>;
