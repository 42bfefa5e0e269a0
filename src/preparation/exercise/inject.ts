import { resolveRecipients } from "../../comms/escalation/recipients.js";
import { sendNotification } from "../../comms/notification.service.js";
import { type AlertSighting, exerciseScope } from "../../detection/alert.types.js";
import { ingestEvents } from "../../detection/ingest.service.js";
import { evaluatePolicies, type PolicyOutcome } from "../../detection/policy/policy.service.js";
import { currentPlan } from "../../documents/document.service.js";
import type { ExerciseInject } from "../../documents/exercise.schema.js";
import { systemActor } from "../../domain/actor.js";
import type { Incident } from "../../domain/incident/model.js";
import { mutateIncident } from "../../response/mutate.js";
import type { ExerciseRun, PreparationDeps } from "../preparation.types.js";
import { changeRun } from "./run-record.js";

/** Who replays injects, on timelines and alerts. */
export const EXERCISE_ACTOR = systemActor("exercise");

/** Keys whose text values are the event's time stamps (Windows evtx JSON, Sysmon, ECS). */
const TIME_KEYS = new Set([
  "SystemTime",
  "UtcTime",
  "CreationUtcTime",
  "@timestamp",
  "timestamp",
  "eventTime",
  "time",
  "TimeCreated",
  "event.created",
]);

/** `2026-11-03 09:10:42.110` (Sysmon's UtcTime) or ISO 8601, as the original was written. */
function stamp(original: string, at: Date): string {
  const iso = at.toISOString();
  return /^\d{4}-\d{2}-\d{2} \d/.test(original) ? iso.replace("T", " ").replace("Z", "") : iso;
}

/**
 * The event with every time stamp it carries moved to `at`: a replayed event happens now, so
 * alerts, first activity and correlation windows see the run's time, not the author's.
 */
export function retime(value: unknown, at: Date): unknown {
  if (Array.isArray(value)) return value.map((v) => retime(v, at));
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>))
    out[k] =
      TIME_KEYS.has(k) && typeof v === "string" && !Number.isNaN(Date.parse(v.replace(" ", "T")))
        ? stamp(v, at)
        : retime(v, at);
  return out;
}

function sighting(
  run: ExerciseRun,
  inject: ExerciseInject,
  i: number,
  now: string,
): AlertSighting[] {
  return (inject.alerts ?? []).map((a, j) => ({
    scope: exerciseScope(run.id),
    dedup_key: `${inject.id}:${i + j}`,
    source: a.source,
    rule_id: null,
    integration_id: null,
    title: a.title,
    severity: a.severity,
    level: null,
    entities: {
      ...(a.host ? { host: a.host } : {}),
      ...(a.user ? { user: a.user } : {}),
      ...(a.source_ip ? { source_ip: a.source_ip } : {}),
    },
    tags: a.tags,
    payload: { exercise: { run: run.human_id, inject: inject.id }, details: a.details },
    count: 1,
    first_seen: now,
    last_seen: now,
    status: "open" as const,
    event_ids: [],
  }));
}

/** The text people get for a message or a question inject. */
function injectText(run: ExerciseRun, inject: ExerciseInject): { subject: string; text: string } {
  const banner = `EXERCISE ${run.human_id} (${run.title}) — this is a drill, not a real incident.`;
  if (inject.question) {
    const q = inject.question;
    const choices = (q.choices ?? []).map((c) => `- ${c.id}: ${c.text}`).join("\n");
    const how = q.choices
      ? `Answer: firebreak exercise answer ${run.human_id} ${inject.id} <choice>`
      : `Answer: firebreak exercise answer ${run.human_id} ${inject.id} --text "…"`;
    return {
      subject: `${run.human_id} decision: ${inject.title}`,
      text: [banner, q.text, choices, how].filter(Boolean).join("\n\n"),
    };
  }
  const m = inject.message as NonNullable<ExerciseInject["message"]>;
  return { subject: `${run.human_id}: ${m.subject}`, text: `${banner}\n\n${m.text}` };
}

/**
 * Delivers one inject through the real pipeline: its events are ingested (rules, alerts,
 * declaration policy) and its alerts sighted and put through the policy, all in the run's
 * exercise scope, so what they declare is an exercise incident; its message or question goes to
 * the people the plan names, as an `exercise` notification (marked EXERCISE everywhere). The
 * incidents the pipeline declared or joined become the run's. Returns what happened, for the
 * run's log.
 */
export async function deliverInject(
  deps: PreparationDeps,
  run: ExerciseRun,
  inject: ExerciseInject,
  index: number,
): Promise<Record<string, unknown>> {
  const now = deps.clock.now();
  const outcomes: PolicyOutcome[] = [];
  const summary: Record<string, unknown> = {
    inject_id: inject.id,
    title: inject.title,
    at: inject.at,
  };
  if (inject.events) {
    const text = inject.events.map((e) => JSON.stringify(retime(e, now))).join("\n");
    const res = await ingestEvents(deps, { text, exerciseRunId: run.id });
    outcomes.push(...res.incidents);
    summary.events = { accepted: res.accepted, rejected: res.rejected_count, alerts: res.alerts };
  }
  if (inject.alerts) {
    const alerts = [];
    for (const s of sighting(run, inject, index * 100, now.toISOString()))
      alerts.push((await deps.detection.alerts.sight(s, now.toISOString())).alert);
    outcomes.push(...(await evaluatePolicies(deps, alerts)));
    summary.alerts = alerts.map((a) => ({ id: a.id, title: a.title, severity: a.severity }));
  }
  summary.policy = outcomes.map((o) => ({
    action: o.action,
    rule: o.rule,
    incident: o.human_id,
    ...(o.reason ? { reason: o.reason } : {}),
  }));
  const linked = outcomes.flatMap((o) =>
    o.incident_id && o.action !== "failed" ? [o.incident_id] : [],
  );
  const signal = Boolean(inject.events || inject.alerts);
  const { run: fresh } = await changeRun(deps, run.id, (r) => {
    const ids = [...new Set([...r.incident_ids, ...linked])];
    if (ids.length === r.incident_ids.length && (!signal || r.signal_at)) return undefined;
    return {
      ...r,
      incident_ids: ids,
      signal_at: r.signal_at ?? (signal ? now.toISOString() : null),
    };
  });
  const primary = fresh.incident_ids[0]
    ? await deps.incidents.get(fresh.incident_ids[0])
    : undefined;

  if (inject.message || inject.question) {
    const plan = (await currentPlan(deps.documents)).body;
    const to = inject.question?.to ?? inject.message?.to ?? [];
    const { deliveries } = resolveRecipients(plan, to, now);
    const { subject, text } = injectText(fresh, inject);
    for (const d of deliveries)
      await sendNotification(deps, {
        incidentId: primary?.id ?? null,
        incidentRef: primary?.human_id ?? null,
        kind: "exercise",
        channel: d.channel,
        recipient: d.recipient,
        subject,
        body: { text: `${text}\n\nYou receive this as ${d.because.join(", ")}.` },
        ...(primary ? { severity: primary.severity, phase: primary.phase } : {}),
        labels: ["exercise", `exercise-run:${fresh.human_id}`, `inject:${inject.id}`],
      });
    summary.notified = deliveries.map((d) => d.recipient);
  }
  if (primary) await noteOnTimeline(deps, primary, fresh, inject);
  return summary;
}

/** Puts the inject on the exercise incident's timeline, so the incident room shows it. */
async function noteOnTimeline(
  deps: PreparationDeps,
  incident: Incident,
  run: ExerciseRun,
  inject: ExerciseInject,
) {
  await mutateIncident(deps, incident.id, undefined, undefined, ({ incident: i }) => ({
    incident: i,
    timeline: [
      {
        kind: "exercise.inject",
        actor: EXERCISE_ACTOR,
        payload: {
          run: run.human_id,
          inject: inject.id,
          title: inject.title,
          at: inject.at,
          ...(inject.message ? { message: inject.message.subject } : {}),
          ...(inject.question ? { question: inject.question.text } : {}),
        },
      },
    ],
  }));
}
