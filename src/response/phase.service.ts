import { findVisibleIncident } from "../auth/incident-visibility.js";
import type { ClosingObligation } from "../documents/plan.schema.js";
import type { Actor } from "../domain/actor.js";
import { commanderRequired } from "../domain/command-rule.js";
import { DomainError, invalidInput } from "../domain/errors.js";
import { blockingTasks, gateBlockers } from "../domain/incident/gate.js";
import type { Incident, Indicator, NewTimelineEntry, Task } from "../domain/incident/model.js";
import {
  type ActivePhase,
  isActive,
  nextPhase,
  PHASE_EXIT_STAMP,
} from "../domain/incident/phase.js";
import { type AuthorityContext, requireAuthority } from "./authority.js";
import {
  CLOSING_OBLIGATION_NAMES,
  type CloseDeps,
  closingObligations,
  unmetClosingObligations,
} from "./closing.js";
import type { ResponseDeps } from "./deps.js";
import { mutateIncident } from "./mutate.js";
import { tasksDueOnEntry } from "./phase-targets.js";
import { authorityContext } from "./plan-context.js";

export interface PhaseInput {
  /** With `override`, the commander's written reason for passing a blocked gate. */
  reason?: string;
  override?: boolean;
}

const brief = (t: Task) => ({ id: t.id, title: t.title, phase: t.phase, status: t.status });

function gateBlocked(incident: Incident, blocking: Task[], what: string): DomainError {
  return new DomainError(
    "gate_blocked",
    `${incident.human_id} cannot ${what}: ${blocking.length} required task(s) not done: ${blocking.map((t) => t.title).join("; ")}`,
    [],
    { blocking_tasks: blocking.map(brief) },
  );
}

/**
 * Passes a gate: the blocking tasks must be none, or the commander overrides with a written
 * reason, which the timeline records with the tasks it passed over.
 */
function passGate(
  ctx: AuthorityContext,
  incident: Incident,
  blocking: Task[],
  what: string,
  input: PhaseInput,
  actor: Actor,
): NewTimelineEntry[] {
  if (blocking.length === 0) return [];
  if (!input.override) throw gateBlocked(incident, blocking, what);
  if (!input.reason?.trim()) throw invalidInput("overriding a phase gate needs a written reason");
  requireAuthority(ctx, { kind: "override_gate" });
  return [
    {
      kind: "phase.gate_overridden",
      actor,
      payload: { phase: incident.phase, reason: input.reason, passed_over: blocking.map(brief) },
    },
  ];
}

/** Moves to the next phase once the current phase's required tasks are done (or overridden). */
export async function advancePhase(
  deps: ResponseDeps,
  ref: string,
  input: PhaseInput,
  actor: Actor,
  expectedVersion?: number,
): Promise<Incident> {
  return mutateIncident(deps, ref, actor, expectedVersion, async ({ incident, tasks, now }) => {
    const to = nextPhase(incident.phase, "advance") as ActivePhase;
    const from = incident.phase as ActivePhase;
    const ctx = await authorityContext(deps, incident, actor, now);
    if (!incident.commander && commanderRequired(ctx.plan, incident.severity))
      throw new DomainError(
        "gate_blocked",
        `${incident.human_id} cannot leave ${from} without a named commander: the plan's command rule (command.required_from: ${ctx.plan.command.required_from}) requires one at severity ${incident.severity}; assign a commander first`,
        [],
        { rule: "command.required_from", blocking_tasks: blockingTasks(tasks, from).map(brief) },
      );
    const overridden = passGate(
      ctx,
      incident,
      blockingTasks(tasks, from),
      `leave ${from}`,
      input,
      actor,
    );
    const at = now.toISOString();
    const times = { ...incident.times };
    const stamp = PHASE_EXIT_STAMP[from];
    if (stamp) times[stamp] = at;
    const timeline: NewTimelineEntry[] = [
      ...overridden,
      { kind: "phase.advanced", actor, payload: { from, to, reason: input.reason ?? null } },
    ];
    // Remediation (fixing the same flaw on every other system) opens when eradication starts.
    if (to === "eradication" && !times.remediation_opened_at) {
      times.remediation_opened_at = at;
      timeline.push({
        kind: "remediation.opened",
        actor,
        payload: { tasks: tasks.filter((t) => t.phase === "remediation").length },
      });
    }
    const updateTasks = await tasksDueOnEntry(deps, incident, tasks, to, now);
    return { incident: { ...incident, phase: to, times }, timeline, updateTasks };
  });
}

function closeBlocked(
  incident: Incident,
  blocking: Task[],
  missing: ClosingObligation[],
): DomainError {
  const parts = [
    ...(blocking.length
      ? [`${blocking.length} required task(s) not done: ${blocking.map((t) => t.title).join("; ")}`]
      : []),
    ...(missing.length
      ? [
          `the plan requires at severity ${incident.severity}: ${missing.map((o) => CLOSING_OBLIGATION_NAMES[o]).join("; ")}`,
        ]
      : []),
  ];
  return new DomainError(
    "gate_blocked",
    `${incident.human_id} cannot close: ${parts.join("; ")}`,
    [],
    {
      blocking_tasks: blocking.map(brief),
      missing_obligations: missing,
    },
  );
}

/**
 * Closes an incident after its post-incident work. Remediation items still open must be done,
 * skipped, or turned into follow-up actions first (`defer` on the task); the post-incident work
 * the plan requires at the incident's severity (`close_requires`: RCA, lessons, reports) must be
 * on record. Whoever holds `close` and `override_gate` may close anyway with a written reason,
 * which the timeline keeps (`incident.closing_overridden`) and the after-action report shows.
 */
export async function closeIncident(
  deps: CloseDeps,
  ref: string,
  input: PhaseInput,
  actor: Actor,
  expectedVersion?: number,
): Promise<Incident> {
  return mutateIncident(deps, ref, actor, expectedVersion, async ({ incident, tasks, now }) => {
    nextPhase(incident.phase, "close");
    const ctx = await authorityContext(deps, incident, actor, now);
    requireAuthority(ctx, { kind: "close" });
    const blocking = gateBlockers(tasks, "post_incident");
    const missing = await unmetClosingObligations(
      deps,
      incident.id,
      closingObligations(ctx.plan, incident.severity),
    );
    if (!input.override && (blocking.length > 0 || missing.length > 0))
      throw closeBlocked(incident, blocking, missing);
    const overridden = passGate(ctx, incident, blocking, "close", input, actor);
    if (missing.length > 0) {
      if (!input.reason?.trim())
        throw invalidInput(
          "closing without the required post-incident work needs a written reason",
        );
      requireAuthority(ctx, { kind: "override_closing" });
      overridden.push({
        kind: "incident.closing_overridden",
        actor,
        payload: {
          severity: incident.severity,
          missing,
          missing_names: missing.map((o) => CLOSING_OBLIGATION_NAMES[o]),
          reason: input.reason,
        },
      });
    }
    return {
      incident: {
        ...incident,
        phase: "closed",
        reopen_phase: incident.phase,
        times: { ...incident.times, closed_at: now.toISOString() },
      },
      timeline: [
        ...overridden,
        {
          kind: "incident.closed",
          actor,
          payload: {
            reason: input.reason ?? null,
            follow_ups: tasks.filter((t) => t.follow_up).map(brief),
          },
        },
      ],
    };
  });
}

/** Ends an incident as not an incident (a false positive), with the reason. */
export async function declineIncident(
  deps: ResponseDeps,
  ref: string,
  reason: string,
  actor: Actor,
  expectedVersion?: number,
): Promise<Incident> {
  if (!reason?.trim()) throw invalidInput("declining an incident needs a reason");
  return mutateIncident(deps, ref, actor, expectedVersion, async ({ incident, now }) => {
    const phase = nextPhase(incident.phase, "decline");
    requireAuthority(await authorityContext(deps, incident, actor, now), { kind: "decline" });
    return {
      incident: {
        ...incident,
        phase,
        end_reason: reason,
        reopen_phase: incident.phase,
        times: { ...incident.times, closed_at: now.toISOString() },
      },
      timeline: [{ kind: "incident.declined", actor, payload: { reason, phase: incident.phase } }],
    };
  });
}

/**
 * Merges an incident into another (the same attack seen twice): the merged incident ends and its
 * alerts, evidence, indicators and assets move to the surviving one, in one transaction, and both
 * timelines say so and what moved. A restricted incident merges only into a restricted one, so
 * that its records are not shown to people it was kept from.
 */
export async function mergeIncident(
  deps: ResponseDeps,
  ref: string,
  intoRef: string,
  reason: string,
  actor: Actor,
  expectedVersion?: number,
): Promise<Incident> {
  // One the actor may not see is refused as one that does not exist.
  const found = await findVisibleIncident(deps, actor, intoRef);
  if (!found) throw invalidInput(`incident ${intoRef} does not exist`);
  return mutateIncident(deps, ref, actor, expectedVersion, async ({ incident, now }) => {
    // The survivor as it is now, under the merged incident's lock: its version is what the
    // transaction checks.
    const target = (await deps.incidents.get(found.id)) ?? found;
    if (incident.id === target.id) throw invalidInput("an incident cannot be merged into itself");
    if (!isActive(target.phase))
      throw invalidInput(`${target.human_id} has ended; merge into an open incident`);
    if (incident.restricted && !target.restricted)
      throw invalidInput(
        `${incident.human_id} is restricted and ${target.human_id} is not: merging would show its records to everyone; merge into a restricted incident`,
      );
    requireAuthority(await authorityContext(deps, incident, actor, now), { kind: "merge" });
    const moved = await recordsToMove(deps, incident.id, target.id);
    const summary = {
      from: incident.human_id,
      to: target.human_id,
      alerts: incident.source_alerts,
      indicators: moved.indicators.map((i) => `${i.type}:${i.value}`),
      assets: moved.assets.map((a) => a.name),
      evidence: moved.evidence.map((e) => e.name),
    };
    const movedEntry = { kind: "incident.records_moved", actor, payload: summary } as const;
    return {
      incident: {
        ...incident,
        phase: nextPhase(incident.phase, "merge"),
        merged_into: target.id,
        end_reason: reason,
        times: { ...incident.times, closed_at: now.toISOString() },
      },
      timeline: [
        { kind: "incident.merged", actor, payload: { into: target.human_id, reason } },
        movedEntry,
      ],
      merge: {
        into: {
          incident: {
            ...target,
            source_alerts: [...new Set([...target.source_alerts, ...incident.source_alerts])],
            updated_at: now.toISOString(),
          },
          expectedVersion: target.version,
          timeline: [
            {
              kind: "incident.merge_received",
              actor,
              payload: { from: incident.human_id, reason },
            },
            movedEntry,
          ],
        },
        evidence: moved.evidence.map((e) => e.id),
        indicators: moved.indicators.map((i) => i.id),
        assets: moved.assets.map((a) => a.id),
      },
    };
  });
}

/**
 * The merged incident's records that move: all its evidence, and the indicators and assets the
 * survivor does not already have (the same type and value, the same name), which stay behind.
 */
async function recordsToMove(deps: ResponseDeps, fromId: string, toId: string) {
  const [evidence, indicators, assets, theirIndicators, theirAssets] = await Promise.all([
    deps.incidents.evidence(fromId),
    deps.incidents.indicators(fromId),
    deps.incidents.assets(fromId),
    deps.incidents.indicators(toId),
    deps.incidents.assets(toId),
  ]);
  const indicatorKey = (i: Indicator) => `${i.type}\u0000${i.value}`;
  const had = new Set(theirIndicators.map(indicatorKey));
  const hadAssets = new Set(theirAssets.map((a) => a.name));
  return {
    evidence,
    indicators: indicators.filter((i) => !had.has(indicatorKey(i))),
    assets: assets.filter((a) => !hadAssets.has(a.name)),
  };
}

/** Reopens a closed or declined incident, back to the phase it ended from. */
export async function reopenIncident(
  deps: ResponseDeps,
  ref: string,
  reason: string,
  actor: Actor,
  expectedVersion?: number,
): Promise<Incident> {
  if (!reason?.trim()) throw invalidInput("reopening an incident needs a reason");
  return mutateIncident(deps, ref, actor, expectedVersion, ({ incident }) => {
    const to = nextPhase(
      incident.phase,
      "reopen",
      (incident.reopen_phase ?? undefined) as ActivePhase | undefined,
    );
    return {
      incident: {
        ...incident,
        phase: to,
        reopen_phase: null,
        end_reason: null,
        times: { ...incident.times, closed_at: null },
      },
      timeline: [
        { kind: "incident.reopened", actor, payload: { from: incident.phase, to, reason } },
      ],
    };
  });
}
