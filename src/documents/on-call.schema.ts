import { z } from "zod";
import { type OnCallRotationSpec, WEEKDAYS } from "../domain/on-call.js";
import { isTimeZone, parseInstantIn, validDate } from "../domain/time-zone.js";
import { Id, TimeZone } from "./common.schema.js";

/**
 * Who is on call for a role: a weekly rotation with overrides. Meant for the plan's optional
 * `on_call: OnCallRotation[]`; the rules that read it are in `domain/on-call.ts`.
 *
 * ```yaml
 * on_call:
 *   - role: incident-commander
 *     time_zone: Europe/Berlin
 *     handoff: { day: monday, time: "09:00" }
 *     starts: 2026-01-05
 *     people: [alice, bob, carol]
 *     overrides:
 *       - { person: carol, from: 2026-02-09T09:00, to: 2026-02-16T09:00, reason: swap with bob }
 * ```
 */

export const Weekday = z.enum(WEEKDAYS);

export const TimeOfDay = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as "HH:MM", e.g. "09:00"');

export const CalendarDate = z.string().refine((s) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return m !== null && validDate(Number(m[1]), Number(m[2]), Number(m[3]));
}, "a date as YYYY-MM-DD, e.g. 2026-01-05");

/** Date-time with an offset, or without one meaning the rotation's wall-clock time. */
const WallClockDateTime = z
  .string()
  .refine(
    (s) => parseInstantIn(s, "UTC") !== undefined,
    "a date-time such as 2026-02-09T09:00 (in the rotation's time zone) or 2026-02-09T08:00:00Z",
  );

export const OnCallOverride = z.strictObject({
  person: Id,
  from: WallClockDateTime,
  to: WallClockDateTime,
  reason: z.string().min(1).optional(),
});

export const OnCallRotation = z
  .strictObject({
    role: Id,
    time_zone: TimeZone,
    handoff: z.strictObject({ day: Weekday, time: TimeOfDay }),
    starts: CalendarDate,
    /** Person ids in rotation order; each takes one week. */
    people: z.array(Id).min(1),
    overrides: z.array(OnCallOverride).default([]),
  })
  .superRefine((r, ctx) => {
    if (!isTimeZone(r.time_zone)) return;
    r.overrides.forEach((o, i) => {
      const from = parseInstantIn(o.from, r.time_zone);
      const to = parseInstantIn(o.to, r.time_zone);
      if (from && to && !(from < to))
        ctx.addIssue({
          code: "custom",
          path: ["overrides", i, "to"],
          message: "an override ends after it starts",
        });
    });
  });

export type OnCallRotation = z.infer<typeof OnCallRotation>;
export type OnCallOverride = z.infer<typeof OnCallOverride>;

// The schema and the rules' input type must stay the same shape.
const _sameShape: (r: OnCallRotation) => OnCallRotationSpec = (r) => r;
void _sameShape;

/** A problem in a plan's rotations, located by a path inside the plan. */
export interface OnCallProblem {
  path: (string | number)[];
  message: string;
  /** Unknown ids are errors; a person without the rotation's role is only suspicious. */
  severity: "error" | "warning";
}

/**
 * Cross-document checks for the plan's `on_call` list: roles and people must exist, a role has
 * one rotation, and people in a rotation should hold its role. For plan lint.
 */
export function checkOnCall(
  rotations: readonly OnCallRotation[],
  plan: {
    roles: readonly { id: string }[];
    team: readonly { id: string; roles: readonly string[] }[];
  },
): OnCallProblem[] {
  const problems: OnCallProblem[] = [];
  const roles = new Set(plan.roles.map((r) => r.id));
  const people = new Map(plan.team.map((p) => [p.id, p]));
  const seen = new Set<string>();
  rotations.forEach((r, i) => {
    const at = (...path: (string | number)[]) => ["on_call", i, ...path];
    if (!roles.has(r.role))
      problems.push({ path: at("role"), message: `unknown role '${r.role}'`, severity: "error" });
    if (seen.has(r.role))
      problems.push({
        path: at("role"),
        message: `role '${r.role}' already has a rotation`,
        severity: "error",
      });
    seen.add(r.role);
    r.people.forEach((id, j) => {
      const person = people.get(id);
      if (!person)
        problems.push({
          path: at("people", j),
          message: `unknown person '${id}'`,
          severity: "error",
        });
      else if (!person.roles.includes(r.role))
        problems.push({
          path: at("people", j),
          message: `'${id}' does not hold role '${r.role}'`,
          severity: "warning",
        });
    });
    r.overrides.forEach((o, j) => {
      if (!people.has(o.person))
        problems.push({
          path: at("overrides", j, "person"),
          message: `unknown person '${o.person}'`,
          severity: "error",
        });
    });
  });
  return problems;
}
