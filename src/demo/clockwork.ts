import type { Actor } from "../domain/actor.js";
import { fixedClock } from "../domain/clock.js";
import type { Incident } from "../domain/incident/model.js";
import type { ActivePhase } from "../domain/incident/phase.js";
import { advancePhase, closeIncident } from "../response/phase.service.js";
import { updateTask } from "../response/task.service.js";
import { type Runtime, runtimeFor } from "../runtime.js";

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** A clock the demo moves by hand, so that every story happens at its own time. */
export type StoryClock = ReturnType<typeof fixedClock>;

/**
 * The demo's database seen through a clock of its own, starting at `start` (epoch ms). Every use
 * case and every reaction (escalation, cadence, clock reminders) then stamps the story's time,
 * so past incidents have real durations for the metrics. The compiled rules are the caller's.
 */
export function storyRuntime(rt: Runtime, start: number): { rt: Runtime; clock: StoryClock } {
  const clock = fixedClock(new Date(start));
  return { rt: { ...runtimeFor(rt.config, rt.db, clock), detection: rt.detection }, clock };
}

/** The people of the default plan's team, acting in the demo (as admins, like the operator). */
export function teamActor(id: string, name: string): Actor {
  return { kind: "person", id, name, admin: true };
}

/** Minutes spent in each phase before moving on (in post-incident: before closing). */
export type PhaseMinutes = Record<ActivePhase, number>;

/**
 * Works an incident from its current phase until it reaches `until`: in each phase the tasks of
 * that phase (all of them, or only the required ones) are checked off spread over the phase's
 * minutes, then the phase advances; post-incident also settles the remediation track and closes.
 */
export async function workThrough(
  story: { rt: Runtime; clock: StoryClock },
  id: string,
  minutes: PhaseMinutes,
  until: Incident["phase"],
  actor: Actor,
  tasks: "all" | "required" = "all",
): Promise<Incident> {
  const { rt, clock } = story;
  let incident = (await rt.incidents.get(id)) as Incident;
  while (incident.phase !== until) {
    const phase = incident.phase as ActivePhase;
    const open = (await rt.incidents.tasks(id)).filter(
      (t) =>
        (t.phase === phase || (phase === "post_incident" && t.phase === "remediation")) &&
        t.status !== "done" &&
        t.status !== "skipped" &&
        !t.follow_up &&
        (tasks === "all" || t.required || t.phase === "remediation"),
    );
    const step = (minutes[phase] * MINUTE) / (open.length + 1);
    for (const t of open) {
      clock.advance(step);
      await updateTask(rt, id, t.id, { status: "done" }, actor);
    }
    clock.advance(step);
    incident =
      phase === "post_incident"
        ? await closeIncident(rt, id, {}, actor)
        : await advancePhase(rt, id, {}, actor);
  }
  return incident;
}
