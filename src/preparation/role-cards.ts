import type { StoredDocument } from "../documents/document.types.js";
import type { PlanDocument } from "../documents/plan.schema.js";
import type { ProcedureDocument } from "../documents/procedure.schema.js";
import { notFound } from "../domain/errors.js";
import { onCallAt, onCallSchedule } from "../domain/on-call.js";
import { eligibleApprovers, requiredApprovers } from "./plan-state.js";

/**
 * Role cards: for one person of the plan's team, everything the plan expects of them on one
 * page — the roles they hold (responsibilities, authority, who stands in), their on-call weeks,
 * the procedure steps they own through those roles, when escalation pages them, the
 * preparation activities they own and whether they approve the plan. Pure.
 */

export type RoleCard = {
  plan: { id: string; version: number; label: string; title: string };
  person: { id: string; name: string; contacts: { channel: string; address: string }[] };
  roles: {
    id: string;
    title: string;
    responsibilities: string[];
    authority: string[];
    /** Others holding the role: who stands in. */
    deputies: string[];
  }[];
  on_call: {
    role: string;
    time_zone: string;
    handoff: string;
    on_call_now: boolean;
    /** Their shifts in the next eight weeks. */
    shifts: { from: string; to: string; source: string; reason: string | null }[];
  }[];
  /** Procedure steps owned through their roles, by procedure and phase. */
  steps: {
    procedure_id: string;
    procedure_title: string;
    phase: string;
    step_id: string;
    title: string;
    role: string;
    required: boolean;
    target: string | null;
    condition: string | null;
  }[];
  /** Where escalation paths page them (by role or by name). */
  paged: { severity: string; step: number; because: string; after: string }[];
  preparation: { id: string; title: string; cadence: string; kind: string }[];
  approver: { eligible: boolean; named: boolean };
  generated_at: string;
};

const WEEKS = 8;

/** One person's card from a plan version and the procedures in force. */
export function roleCard(
  plan: StoredDocument<"plan">,
  procedures: readonly ProcedureDocument[],
  personId: string,
  now: Date,
): RoleCard {
  const body: PlanDocument = plan.body;
  const person = body.team.find((p) => p.id === personId);
  if (!person) throw notFound("person in the plan's team", personId);
  const held = new Set(person.roles);
  const until = new Date(now.getTime() + WEEKS * 7 * 86_400_000);
  const steps: RoleCard["steps"] = [];
  for (const proc of procedures)
    for (const [phase, list] of Object.entries(proc.steps))
      for (const s of list)
        if (held.has(s.role))
          steps.push({
            procedure_id: proc.id,
            procedure_title: proc.title,
            phase,
            step_id: s.id,
            title: s.title,
            role: s.role,
            required: s.required,
            target: s.target ?? null,
            condition: s.condition ?? null,
          });
  const paged: RoleCard["paged"] = [];
  for (const path of body.escalation)
    path.steps.forEach((step, i) => {
      for (const spec of step.notify)
        if (spec === `person:${person.id}` || (spec.startsWith("role:") && held.has(spec.slice(5))))
          paged.push({ severity: path.severity, step: i + 1, because: spec, after: step.after });
    });
  return {
    plan: { id: plan.id, version: plan.version, label: plan.label, title: plan.title },
    person: { id: person.id, name: person.name, contacts: person.contacts },
    roles: body.roles
      .filter((r) => held.has(r.id))
      .map((r) => ({
        id: r.id,
        title: r.title,
        responsibilities: r.responsibilities,
        authority: r.authority,
        deputies: body.team
          .filter((p) => p.id !== person.id && p.roles.includes(r.id))
          .map((p) => p.name),
      })),
    on_call: body.on_call
      .filter(
        (r) => r.people.includes(person.id) || r.overrides.some((o) => o.person === person.id),
      )
      .map((r) => ({
        role: r.role,
        time_zone: r.time_zone,
        handoff: `${r.handoff.day} ${r.handoff.time}`,
        on_call_now: onCallAt(r, now) === person.id,
        shifts: onCallSchedule(r, now, until)
          .filter((s) => s.person === person.id)
          .map(({ from, to, source, reason }) => ({ from, to, source, reason })),
      })),
    steps,
    paged,
    preparation: body.preparation
      .filter((a) => held.has(a.owner_role))
      .map((a) => ({ id: a.id, title: a.title, cadence: a.cadence, kind: a.kind })),
    approver: {
      eligible: eligibleApprovers(body).includes(person.id),
      named: requiredApprovers(body).includes(person.id),
    },
    generated_at: now.toISOString(),
  };
}

/** One line per person for a list: who they are and what they hold. */
export function roleCardIndex(plan: PlanDocument) {
  return plan.team.map((p) => ({
    id: p.id,
    name: p.name,
    roles: p.roles.map((r) => plan.roles.find((x) => x.id === r)?.title ?? r),
  }));
}
