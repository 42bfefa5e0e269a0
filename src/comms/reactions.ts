import type { Incident, NewTimelineEntry } from "../domain/incident/model.js";
import { isEndingKind, type TimelineKind } from "../domain/incident/timeline-kinds.js";
import type { IncidentChange, IncidentStore } from "../response/incident.types.js";
import { scheduleClockReminders } from "./clock-reminders.service.js";
import { type CommsDeps, ENDED_PHASES } from "./comms.deps.js";
import { startEscalation, stopEscalation } from "./escalation/escalation.service.js";
import { cancelCadence, scheduleCadence } from "./status-updates/cadence.js";

/**
 * How escalation, update cadence and regulatory clocks hear about incidents: `runtimeFor` builds
 * the runtime's incident store wrapped (`observeIncidents` calling `reactToChange`), and after
 * every stored change the change's timeline entries decide what follows. This catches every way
 * an incident changes — the API, the CLI in-process, the detection pipeline's automatic
 * declarations, the UI — without any of them having to remember a call, and the response use
 * cases stay unaware of paging.
 *
 * | Entry | Reaction |
 * | --- | --- |
 * | `incident.declared` | start the escalation path, the update cadence, and clock reminders |
 * | `incident.acknowledged` (first) | stop the escalation path |
 * | `incident.classified` with a severity change | re-target the path; reschedule the cadence |
 * | `incident.classified` (any change), `decision` that sets a time | reschedule clock reminders |
 * | `clock.notification_recorded`, `clock.stopped` | reschedule clock reminders |
 * | `incident.closed`, `.declined`, `.merged` | stop the path and the cadence |
 * | `phase.advanced` into post-incident | stop the cadence |
 *
 * Reactions only schedule or cancel durable jobs and never write the timeline themselves, so
 * the caller's change keeps the version it was given. They run after the change is committed;
 * one that fails is reported and does not undo the change (the worker's start-up sweep repairs
 * a path that did not start).
 */

export type ReactionErrorSink = (error: unknown, incident: Incident) => void;

const warn: ReactionErrorSink = (error, incident) =>
  process.emitWarning(
    `reaction to a change of ${incident.human_id} failed: ${(error as Error)?.message ?? error}`,
    "FirebreakReactionWarning",
  );

/** Runs every step even when one fails (paging must not wait on a clock), then reports. */
async function each(...steps: (() => Promise<unknown>)[]): Promise<void> {
  const errors: unknown[] = [];
  for (const step of steps) await step().catch((e: unknown) => errors.push(e));
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors, "several reactions failed");
}

/** Reacts to one stored change of an incident. */
export async function reactToChange(
  deps: CommsDeps,
  incident: Incident,
  entries: readonly NewTimelineEntry[],
): Promise<void> {
  const has = (kind: TimelineKind) => entries.some((e) => e.kind === kind);
  if (has("incident.declared"))
    return each(
      () => startEscalation(deps, incident),
      () => scheduleCadence(deps, incident),
      () => scheduleClockReminders(deps, incident),
    );
  if (ENDED_PHASES.has(incident.phase) && entries.some((e) => isEndingKind(e.kind))) {
    await stopEscalation(deps, incident.id, "ended");
    await cancelCadence(deps, incident.id);
  }
  if (entries.some((e) => e.kind === "incident.acknowledged" && e.payload.first === true))
    await stopEscalation(deps, incident.id, "acknowledged");
  const classified = entries.find(
    (e): e is NewTimelineEntry<"incident.classified"> => e.kind === "incident.classified",
  );
  const changes = classified?.payload.changes ?? {};
  if (changes.severity) await startEscalation(deps, incident, String(changes.severity.from));
  // A new severity changes the cadence; new attributes or type can meet or fail an audience's condition.
  if (classified && Object.keys(changes).length > 0) await scheduleCadence(deps, incident);
  if (
    (classified && Object.keys(changes).length > 0) ||
    entries.some((e) => e.kind === "decision" && e.payload.sets) ||
    has("clock.notification_recorded") ||
    has("clock.stopped")
  )
    await scheduleClockReminders(deps, incident);
  if (entries.some((e) => e.kind === "phase.advanced") && incident.phase === "post_incident")
    await cancelCadence(deps, incident.id);
}

/**
 * Wraps an incident store so that every successful `create` and `commit` is followed by
 * `react`. Errors of `react` go to `onError`; the stored change stands either way.
 */
export function observeIncidents(
  store: IncidentStore,
  react: (incident: Incident, entries: readonly NewTimelineEntry[]) => Promise<void>,
  onError: ReactionErrorSink = warn,
): IncidentStore {
  const run = async (incident: Incident, entries: readonly NewTimelineEntry[]) => {
    try {
      await react(incident, entries);
    } catch (e) {
      onError(e, incident);
    }
  };
  return {
    ...store,
    async create(...args: Parameters<IncidentStore["create"]>) {
      await store.create(...args);
      await run(args[0], args[2]);
    },
    async commit(change: Parameters<IncidentStore["commit"]>[0]) {
      const ok = await store.commit(change);
      if (ok)
        await run({ ...change.incident, version: change.expectedVersion + 1 }, change.timeline);
      return ok;
    },
    async withLock<T>(...[ref, fn]: Parameters<IncidentStore["withLock"]>) {
      // Reactions run once the lock's transaction has committed and the lock is released.
      const written: IncidentChange[] = [];
      const result = await store.withLock(ref, (locked) =>
        fn(
          locked && {
            ...locked,
            async commit(change) {
              const ok = await locked.commit(change);
              if (ok) written.push(change);
              return ok;
            },
          },
        ),
      );
      for (const change of written)
        await run({ ...change.incident, version: change.expectedVersion + 1 }, change.timeline);
      return result as T;
    },
  };
}
