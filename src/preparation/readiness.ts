import {
  describeUndeliverable,
  type UndeliverableChannel,
  unreachableAudiences,
} from "../comms/channels/deliverability.js";
import type { PlanDocument } from "../documents/plan.schema.js";
import type { ReadinessComponentId } from "../domain/preparation-kind.js";
import { type ActivityStatus, lateness } from "./activities.js";
import type { LogSourceCoverage } from "./log-sources.js";
import type { DocumentStatus } from "./plan-review.service.js";

/**
 * The readiness score: one number from 0 to 100 and the reasons behind it. Pure: the service
 * gathers the inputs. Each part has a weight; its score is the share of the weight earned, and
 * every point lost has a reason a person can act on.
 */

export type ReadinessComponent = {
  id: ReadinessComponentId;
  title: string;
  weight: number;
  /** Points earned, 0..weight, one decimal. */
  score: number;
  status: "ok" | "warning" | "failing";
  summary: string;
  /** What costs points, one line each. */
  reasons: string[];
};

/** The score, when it was computed, and its parts (API and CLI shape). */
export type Readiness = {
  score: number;
  taken_at: string;
  plan: { id: string; version: number };
  components: ReadinessComponent[];
  options: { exercised_within: string; coverage_window: string };
};

/** Everything the score is computed from; the service gathers it. */
export interface ReadinessInput {
  now: Date;
  plan: { id: string; version: number; body: PlanDocument };
  lint: { errors: number; warnings: number; findings: { level: string; message: string }[] };
  activities: ActivityStatus[];
  planStatus: DocumentStatus;
  /** Incident types exercised within the window, with the last time. */
  exercised: Map<string, string>;
  coverage: LogSourceCoverage;
  /** The plan's channels that cannot deliver in this deployment (comms/channels/deliverability.ts). */
  undeliverable: UndeliverableChannel[];
  options: { exercised_within: string; coverage_window: string };
}

/** The points each part is worth; they add up to 100. */
export const WEIGHTS = {
  lint: 15,
  preparation: 20,
  contacts: 10,
  deputies: 10,
  exercises: 15,
  detection_coverage: 10,
  plan_approval: 10,
  channels: 10,
} as const satisfies Record<ReadinessComponentId, number>;

const round1 = (x: number) => Math.round(x * 10) / 10;

function part(
  id: ReadinessComponent["id"],
  title: string,
  share: number,
  summary: string,
  reasons: string[],
): ReadinessComponent {
  const weight = WEIGHTS[id];
  const s = Math.max(0, Math.min(1, share));
  return {
    id,
    title,
    weight,
    score: round1(weight * s),
    status: s >= 0.999 ? "ok" : s >= 0.5 ? "warning" : "failing",
    summary,
    reasons,
  };
}

const overdueLine = (a: ActivityStatus) =>
  `${a.title} (${a.id}) is overdue by ${lateness(a.overdue_by_ms ?? 0)}: due ${a.due_at.slice(0, 10)}, owner ${a.owner_role}`;

function lintPart(i: ReadinessInput): ReadinessComponent {
  const { errors, warnings, findings } = i.lint;
  const share = errors > 0 ? 0 : 1 - (2 * warnings) / WEIGHTS.lint;
  return part(
    "lint",
    "Plan and procedures lint clean",
    share,
    `${errors} error(s), ${warnings} warning(s)`,
    findings.slice(0, 10).map((f) => `${f.level}: ${f.message}`),
  );
}

function preparationPart(i: ReadinessInput): ReadinessComponent {
  const all = i.activities;
  if (all.length === 0)
    return part("preparation", "Preparation activities on time", 0, "no activities", [
      "the plan declares no preparation activities (preparation: in the plan)",
    ]);
  const overdue = all.filter((a) => a.state === "overdue");
  return part(
    "preparation",
    "Preparation activities on time",
    (all.length - overdue.length) / all.length,
    `${all.length - overdue.length} of ${all.length} on time`,
    overdue.map(overdueLine),
  );
}

function contactsPart(i: ReadinessInput): ReadinessComponent {
  const checks = i.activities.filter((a) => a.kind === "contact_verification");
  if (checks.length === 0)
    return part("contacts", "Contact details verified", 0, "never verified", [
      "no contact_verification activity in the plan: nobody checks that the team can be reached",
    ]);
  const stale = checks.filter((a) => a.state === "overdue");
  return part(
    "contacts",
    "Contact details verified",
    stale.length === 0 ? 1 : 0,
    stale.length === 0
      ? `verified ${checks[0]?.last_done_at?.slice(0, 10) ?? "within the cycle"}`
      : "stale",
    stale.map((a) => `contacts are stale: ${overdueLine(a)}`),
  );
}

function deputiesPart(i: ReadinessInput): ReadinessComponent {
  const plan = i.plan.body;
  const thin = plan.roles
    .map((r) => ({ r, holders: plan.team.filter((p) => p.roles.includes(r.id)) }))
    .filter((x) => x.holders.length < 2);
  return part(
    "deputies",
    "Every role has a deputy",
    (plan.roles.length - thin.length) / Math.max(1, plan.roles.length),
    `${plan.roles.length - thin.length} of ${plan.roles.length} roles held by two or more people`,
    thin.map(({ r, holders }) =>
      holders.length === 0
        ? `${r.title} (${r.id}) is held by nobody`
        : `${r.title} (${r.id}) is held only by ${holders[0]?.name}: nobody stands in`,
    ),
  );
}

function exercisesPart(i: ReadinessInput): ReadinessComponent {
  const types = i.plan.body.incident_types;
  const missing = types.filter((t) => !i.exercised.has(t.id));
  return part(
    "exercises",
    "Incident types exercised",
    (types.length - missing.length) / Math.max(1, types.length),
    `${types.length - missing.length} of ${types.length} types exercised within ${i.options.exercised_within}`,
    missing.map((t) => `${t.name} (${t.id}) not exercised within ${i.options.exercised_within}`),
  );
}

function coveragePart(i: ReadinessInput): ReadinessComponent {
  const c = i.coverage;
  if (c.needed === 0)
    return part("detection_coverage", "Log sources the rules need are arriving", 0, "no rules", [
      "no detection rules are loaded",
    ]);
  return part(
    "detection_coverage",
    "Log sources the rules need are arriving",
    c.ratio ?? 0,
    `${c.seen} of ${c.needed} log sources seen within ${i.options.coverage_window}`,
    c.sources
      .filter((s) => !s.seen)
      .slice(0, 15)
      .map((s) => `no ${s.label} events received: ${s.rules} rule(s) blind (${s.rule_titles[0]}…)`),
  );
}

function approvalPart(i: ReadinessInput): ReadinessComponent {
  const { current, approved } = i.planStatus;
  const title = "Plan approved and reviewed";
  if (current.state === "approved")
    return part(
      "plan_approval",
      title,
      1,
      `v${current.version} approved ${current.approved_at?.slice(0, 10)}`,
      [],
    );
  if (current.state === "due_for_review")
    return part("plan_approval", title, 0.5, "due for review", [
      `v${current.version} was approved ${current.approved_at?.slice(0, 10)}; its review was due ${current.review_due_at?.slice(0, 10)}`,
    ]);
  const why = `the plan in force (v${current.version}) is ${current.state.replace("_", " ")}`;
  if (approved)
    return part(
      "plan_approval",
      title,
      0.5,
      `v${approved.version} approved, v${current.version} not`,
      [`${why}; the last approved version is v${approved.version}`],
    );
  return part("plan_approval", title, 0, "never approved", [
    `${why} and no version was ever approved`,
  ]);
}

/**
 * A page that cannot leave is found out during an incident; every channel that cannot deliver
 * costs its share, and each is named with the reason (and each audience left with none).
 */
function channelsPart(i: ReadinessInput): ReadinessComponent {
  const plan = i.plan.body;
  const title = "Channels can deliver";
  if (plan.channels.length === 0)
    return part("channels", title, 0, "no channels", [
      "the plan declares no channels: no status update or page can be sent",
    ]);
  const working = plan.channels.length - i.undeliverable.length;
  return part(
    "channels",
    title,
    working / plan.channels.length,
    `${working} of ${plan.channels.length} channels can deliver`,
    [
      ...i.undeliverable.map(describeUndeliverable),
      ...unreachableAudiences(plan, i.undeliverable).map(
        (a) => `audience ${a.name} (${a.id}) has no channel that can deliver`,
      ),
    ],
  );
}

/** The score and its breakdown. */
export function computeReadiness(i: ReadinessInput): Readiness {
  const components = [
    lintPart(i),
    preparationPart(i),
    contactsPart(i),
    deputiesPart(i),
    exercisesPart(i),
    coveragePart(i),
    approvalPart(i),
    channelsPart(i),
  ];
  return {
    score: Math.round(components.reduce((s, c) => s + c.score, 0)),
    taken_at: i.now.toISOString(),
    plan: { id: i.plan.id, version: i.plan.version },
    components,
    options: i.options,
  };
}
