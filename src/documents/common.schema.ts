import { z } from "zod";
import { parseCondition } from "../domain/condition.js";
import { isDuration } from "../domain/duration.js";
import { TASK_PHASES } from "../domain/incident/phase.js";
import { isTimeZone } from "../domain/time-zone.js";

/** Lowercase ids with dashes or underscores: stable names that scripts and other documents use. */
export const Id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]*$/, "an id is lowercase letters, digits, '-' and '_'");

export const Duration = z
  .string()
  .refine(isDuration, "must be an ISO 8601 duration such as PT30M, PT72H, P1D or P1Y");

export const TimeZone = z
  .string()
  .refine(isTimeZone, "must be an IANA time zone such as Europe/Berlin or America/New_York");

/** A calendar date or date-time as YAML writes it; YAML dates arrive as strings (see loader). */
export const DateText = z
  .string()
  .refine((s) => !Number.isNaN(Date.parse(s)), "must be an ISO 8601 date such as 2026-01-15");

/** A step condition or obligation trigger; syntax is checked here, types in cross-document lint. */
export const ConditionText = z.string().superRefine((text, ctx) => {
  try {
    parseCondition(text);
  } catch (e) {
    ctx.addIssue({ code: "custom", message: `condition: ${(e as Error).message}` });
  }
});

export const Markdown = z.string().min(1);

/** The phases a procedure groups its steps by. */
export const PHASES = TASK_PHASES;
export const Phase = z.enum(PHASES);
export type Phase = z.infer<typeof Phase>;
