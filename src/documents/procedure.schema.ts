import { z } from "zod";
import { ConditionText, Duration, Id, Markdown, PHASES } from "./common.schema.js";

export const ProcedureStep = z.strictObject({
  id: Id,
  title: z.string().min(1),
  /** The plan role responsible for the step. */
  role: Id,
  instructions: Markdown,
  required: z.boolean().default(false),
  /** What the step must leave behind as evidence (e.g. "memory image of the host"). */
  evidence: z.array(z.string().min(1)).default([]),
  /** Due this long after the incident is declared (or after `target_from`). */
  target: Duration.optional(),
  /**
   * What `target` counts from: `declaration` (default), or the incident first entering a phase,
   * e.g. `post_incident` for a review due 14 days after recovery rather than after declaration.
   */
  target_from: z.enum(["declaration", ...PHASES]).default("declaration"),
  /** The step applies only when this holds, e.g. `severity >= emergency and personal_data`. */
  condition: ConditionText.optional(),
  /** A reporting step (reports and notifications run throughout, in any phase). */
  reporting: z.boolean().default(false),
});

const stepsByPhase = Object.fromEntries(
  PHASES.map((p) => [p, z.array(ProcedureStep).default([])]),
) as {
  [P in (typeof PHASES)[number]]: z.ZodDefault<z.ZodArray<typeof ProcedureStep>>;
};

export const ProcedureDocument = z.strictObject({
  kind: z.literal("procedure"),
  id: Id,
  version: z.string().min(1),
  title: z.string().min(1),
  summary: z.string().optional(),
  applies_to: z.strictObject({
    incident_types: z.array(Id).min(1),
    /** Severity ids; empty means every severity. */
    severities: z.array(Id).default([]),
  }),
  steps: z.strictObject(stepsByPhase),
});

export type ProcedureDocument = z.infer<typeof ProcedureDocument>;
export type ProcedureStep = z.infer<typeof ProcedureStep>;
