import { z } from "zod";
import { CLOSING_OBLIGATIONS } from "../domain/incident/closing-obligation.js";

/** One invalid field or document position. */
export const ProblemErrorSchema = z.object({
  message: z.string(),
  path: z.string().optional().describe("e.g. `body.severity`, `steps.containment[0].role`"),
  file: z.string().optional(),
  line: z.number().int().optional(),
  column: z.number().int().optional(),
});

/**
 * RFC 9457 problem details, the body of every 4xx and 5xx answer (`server/problem.ts` writes
 * them). Some problems carry extra members: a blocked phase gate names its open tasks
 * (`blocking_tasks`), a stale change the current version (`current_version`).
 */
export const ProblemSchema = z
  .object({
    type: z.string().describe("`/problems/<code>`: the stable, machine-readable error code."),
    title: z.string().describe("The code's short human title."),
    status: z.number().int().min(400).max(599),
    detail: z.string().describe("What went wrong with this request."),
    instance: z.string().optional().describe("The request's path."),
    errors: z.array(ProblemErrorSchema).optional(),
    blocking_tasks: z
      .array(
        z.object({
          id: z.string(),
          title: z.string(),
          phase: z.string().optional(),
          status: z.string().optional(),
        }),
      )
      .optional()
      .describe("gate_blocked: the required tasks still open"),
    rule: z
      .string()
      .optional()
      .describe("gate_blocked: the plan rule that blocked, e.g. `command.required_from`"),
    missing_obligations: z
      .array(z.enum(CLOSING_OBLIGATIONS))
      .optional()
      .describe("gate_blocked on close: the post-incident work the plan requires, not on record"),
    current_version: z
      .number()
      .int()
      .optional()
      .describe("stale_version: the version the incident is at now"),
  })
  .catchall(z.unknown());

export type Problem = z.infer<typeof ProblemSchema>;
export type ProblemError = z.infer<typeof ProblemErrorSchema>;
