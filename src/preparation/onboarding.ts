import {
  type UndeliverableChannel,
  unreachableAudiences,
} from "../comms/channels/deliverability.js";
import type { PlanDocument } from "../documents/plan.schema.js";
import type { OnboardingStepId } from "../domain/onboarding-step.js";

/**
 * The first-run checklist: what still makes this deployment run on the built-in example rather
 * than the organisation's own plan. Pure: every step is decided from facts the service gathers
 * (the newest plan version, the one in force, the users, the channels that cannot deliver), so
 * it ticks itself as the work is done wherever it is done (browser, CLI, API) and never goes
 * stale.
 */

export type OnboardingStep = {
  id: OnboardingStepId;
  title: string;
  done: boolean;
  /** Where things stand, one line. */
  detail: string;
  /** The web page where the step is done. */
  href: string;
  /** Not needed for the checklist to be complete (a team of one has nobody to invite). */
  optional: boolean;
};

export type Onboarding = {
  steps: OnboardingStep[];
  /** Steps done, of all of them (the dashboard's "2 of 6 done"). */
  done: number;
  /** Every step that is not optional is done. */
  complete: boolean;
  dismissed_at: string | null;
  dismissed_by: string | null;
};

/** What the checklist is decided from. */
export interface OnboardingFacts {
  /** The newest version of the plan, drafts included: where the work in progress is. */
  newest: { id: string; version: number; body: PlanDocument };
  inForce: { id: string; version: number; body: PlanDocument };
  users: number;
  /** The newest plan's channels that cannot deliver (comms/channels/deliverability.ts). */
  undeliverable: UndeliverableChannel[];
  dismissed?: { at: string; by: string };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function step(
  id: OnboardingStepId,
  title: string,
  done: boolean,
  detail: string,
  href: string,
  optional = false,
): OnboardingStep {
  return { id, title, done, detail, href, optional };
}

function organisationStep(plan: PlanDocument): OnboardingStep {
  const org = plan.organisation;
  return step(
    "organisation",
    "Name your organisation",
    Boolean(org?.name),
    org?.name
      ? `${org.name}${org.time_zone ? ` (${org.time_zone})` : ", no time zone yet"}`
      : "the plan names no organisation yet",
    "/plan/edit#organisation",
  );
}

function peopleStep(plan: PlanDocument): OnboardingStep {
  return step(
    "people",
    "Add your people",
    plan.example !== true,
    plan.example
      ? `the team is the built-in example (${plural(plan.team.length, "person", "people")})`
      : `${plural(plan.team.length, "person", "people")} in the team`,
    "/plan/edit#team",
  );
}

/** Roles held by the example team are not filled: nobody of those people will answer a page. */
function rolesStep(plan: PlanDocument): OnboardingStep {
  const empty = plan.roles.filter((r) => !plan.team.some((p) => p.roles.includes(r.id)));
  return step(
    "roles",
    "Fill the roles and the on-call rotations",
    empty.length === 0 && plan.example !== true,
    plan.example
      ? "the roles are held by the example team"
      : empty.length === 0
        ? `all ${plural(plan.roles.length, "role")} have someone`
        : `nobody holds ${empty.map((r) => r.title).join(", ")}`,
    "/plan/edit#roles",
  );
}

function channelsStep(plan: PlanDocument, undeliverable: UndeliverableChannel[]): OnboardingStep {
  const working = plan.channels.length - undeliverable.length;
  const deaf = unreachableAudiences(plan, undeliverable);
  const detail =
    working === 0
      ? plan.channels.length === 0
        ? "the plan has no channels"
        : `none of the ${plural(plan.channels.length, "channel")} can deliver`
      : deaf.length > 0
        ? `no channel can reach ${deaf.map((a) => a.name).join(", ")}`
        : `${working} of ${plural(plan.channels.length, "channel")} can deliver`;
  return step(
    "channels",
    "Set up channels that deliver",
    working > 0 && deaf.length === 0,
    detail,
    "/plan/edit#channels",
  );
}

function approvedStep(f: OnboardingFacts): OnboardingStep {
  const real = f.inForce.body.example !== true;
  const pending = f.newest.version !== f.inForce.version;
  return step(
    "approved",
    "Approve your plan",
    real,
    real
      ? `v${f.inForce.version} of your plan is in force`
      : pending
        ? `v${f.newest.version} is drafted; the example v${f.inForce.version} is still in force`
        : `the example plan (v${f.inForce.version}) is in force`,
    `/documents/plan/${encodeURIComponent(f.newest.id)}`,
  );
}

function inviteStep(users: number): OnboardingStep {
  return step(
    "invite",
    "Invite your team",
    users > 1,
    users > 1 ? `${plural(users, "user")}` : "you are the only user",
    "/admin/users",
    true,
  );
}

/** The checklist, in the order the work is best done. */
export function onboarding(f: OnboardingFacts): Onboarding {
  const plan = f.newest.body;
  const steps = [
    organisationStep(plan),
    peopleStep(plan),
    rolesStep(plan),
    channelsStep(plan, f.undeliverable),
    approvedStep(f),
    inviteStep(f.users),
  ];
  return {
    steps,
    done: steps.filter((s) => s.done).length,
    complete: steps.every((s) => s.done || s.optional),
    dismissed_at: f.dismissed?.at ?? null,
    dismissed_by: f.dismissed?.by ?? null,
  };
}
