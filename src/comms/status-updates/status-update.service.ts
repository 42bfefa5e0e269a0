import { clocksOf } from "../../compliance/clock-view.js";
import type { PlanDocument } from "../../documents/plan.schema.js";
import type { Actor } from "../../domain/actor.js";
import { addDuration } from "../../domain/duration.js";
import { DomainError, invalidInput } from "../../domain/errors.js";
import type { Incident } from "../../domain/incident/model.js";
import { renderPlaceholders } from "../../domain/placeholders.js";
import { getIncident } from "../../response/incident.service.js";
import { refuseMerged, requiredText } from "../../response/incident-change.js";
import { appendTimeline, requireVersion } from "../../response/mutate.js";
import { pinnedPlan } from "../../response/plan-context.js";
import type { CommsDeps } from "../comms.deps.js";
import { sendNotification } from "../notification.service.js";
import { audienceApplies, lastUpdates, scheduleCadence } from "./cadence.js";

/**
 * Status updates for an audience: the plan's template for the audience, filled in, recorded on
 * the timeline and sent on the audience's channels. Audience messages carry no acknowledgement
 * link: they go to groups and possibly the public (a status page), where a link that
 * acknowledges the incident has no business being.
 */

export interface StatusUpdateInput {
  audience: string;
  summary: string;
  impact?: string;
  actions?: string;
  blockers?: string;
  decisions?: string;
  /** Default: the regulatory clocks running on the incident. */
  obligations?: string;
  /** Default: one cadence from now. */
  next_update?: string;
}

export interface StatusUpdateResult {
  incident: string;
  audience: string;
  /** The message as sent (Markdown). */
  text: string;
  /** Placeholders that had no value and were left empty. */
  missing: string[];
  next_update: string | null;
  notifications: { id: string; channel: string; status: string }[];
}

const DEFAULT_TEMPLATE = [
  "**{{incident.id}} — {{incident.title}}** (severity {{incident.severity}}, phase {{incident.phase}})",
  "",
  "{{update.summary}}",
  "",
  "**Impact:** {{update.impact}}",
  "",
  "**Actions:** {{update.actions}}",
  "",
  "Next update: {{update.next_update}}",
].join("\n");

const minute = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

/** A line per running regulatory clock, for `{{update.obligations}}`. */
async function obligationsLine(deps: CommsDeps, incident: Incident): Promise<string> {
  const running = (await clocksOf(deps, incident)).filter((c) =>
    ["running", "due_soon", "overdue", "waiting"].includes(c.state),
  );
  if (running.length === 0) return "none";
  return running
    .map((c) => {
      const due = c.next_due_at ? `, next deadline ${minute(c.next_due_at)}` : "";
      return `${c.regulation} (${c.state.replace("_", " ")}${due})`;
    })
    .join("; ");
}

function commanderName(plan: PlanDocument, incident: Incident): string {
  if (!incident.commander) return "not assigned";
  return plan.team.find((p) => p.id === incident.commander)?.name ?? incident.commander;
}

/**
 * Posts a status update: renders the audience's template, sends it on each of the audience's
 * channels (as notifications with a delivery log), records a `status_update` timeline entry, and
 * restarts the audience's cadence from now.
 */
export async function postStatusUpdate(
  deps: CommsDeps,
  ref: string,
  input: StatusUpdateInput,
  actor: Actor,
  expectedVersion?: number,
): Promise<StatusUpdateResult> {
  const incident = await getIncident(deps, ref, actor);
  requireVersion(incident, expectedVersion);
  refuseMerged(incident);
  const plan = (await pinnedPlan(deps, incident)).body;
  const audience = plan.communication.audiences.find((a) => a.id === input.audience);
  if (!audience)
    throw invalidInput(
      `unknown audience '${input.audience}'; the plan has ${plan.communication.audiences.map((a) => a.id).join(", ")}`,
      [{ message: "unknown audience", path: "audience" }],
    );
  if (!audienceApplies(plan, audience, incident))
    throw new DomainError(
      "conflict",
      `the plan updates audience '${audience.id}' only when ${audience.condition}, which ${incident.human_id} does not meet`,
      [{ message: "audience condition does not hold", path: "audience" }],
      { audience: audience.id, condition: audience.condition },
    );
  const summary = requiredText("summary", input.summary, 5000);
  const now = deps.clock.now();
  const cadence = audience.cadence[incident.severity];
  const nextUpdate =
    input.next_update?.trim() || (cadence ? minute(addDuration(now, cadence).toISOString()) : null);
  const severity = plan.severity_scale.find((s) => s.id === incident.severity)?.name;
  const text = (v?: string) => (v?.trim() ? v.trim() : undefined);
  const rendered = renderPlaceholders(audience.template ?? DEFAULT_TEMPLATE, {
    "incident.id": incident.human_id,
    "incident.title": incident.title,
    "incident.severity": severity ?? incident.severity,
    "incident.phase": incident.phase.replace("_", " "),
    "incident.commander": commanderName(plan, incident),
    "incident.declared_at": minute(incident.times.declared_at),
    "update.summary": summary,
    "update.impact": text(input.impact) ?? "not known yet",
    "update.actions": text(input.actions) ?? "none reported",
    "update.blockers": text(input.blockers) ?? "none",
    "update.decisions": text(input.decisions) ?? "none",
    "update.obligations": text(input.obligations) ?? (await obligationsLine(deps, incident)),
    "update.next_update": nextUpdate ?? "when there is news",
  });

  const sent: StatusUpdateResult["notifications"] = [];
  for (const channelId of audience.channels) {
    const channel = plan.channels.find((c) => c.id === channelId);
    if (!channel) continue;
    const n = await sendNotification(deps, {
      incidentId: incident.id,
      incidentRef: incident.human_id,
      kind: "status_update",
      channel: { kind: channel.kind, target: channel.target, id: channel.id },
      recipient: `channel:${channel.id}`,
      subject: `${audience.name} update: ${incident.title}`,
      body: { text: rendered.text, markdown: rendered.text },
      severity: incident.severity,
      phase: incident.phase,
      labels: [`status_update:${audience.id}`, ...(incident.exercise ? ["exercise"] : [])],
    });
    sent.push({ id: n.id, channel: channel.id, status: n.status });
  }

  const updated = await appendTimeline(deps, incident.id, actor, [
    {
      kind: "status_update",
      actor,
      payload: {
        audience: audience.id,
        summary,
        impact: text(input.impact) ?? null,
        actions: text(input.actions) ?? null,
        blockers: text(input.blockers) ?? null,
        decisions: text(input.decisions) ?? null,
        next_update: nextUpdate,
        text: rendered.text,
        missing: rendered.missing,
        notifications: sent.map((s) => s.id),
      },
    },
  ]);
  await scheduleCadence(deps, updated, { audiences: [audience.id], basis: updated.updated_at });
  return {
    incident: incident.human_id,
    audience: audience.id,
    text: rendered.text,
    missing: rendered.missing,
    next_update: nextUpdate,
    notifications: sent,
  };
}

export interface CadenceView {
  audience: string;
  name: string;
  every: string | null;
  /** False while the audience's condition does not hold: no update is due. */
  applies: boolean;
  last_update_at: string | null;
  next_due_at: string | null;
  overdue: boolean;
}

/** The updates posted so far and, per audience, when the next one is due. */
export async function statusUpdates(deps: CommsDeps, ref: string, viewer: Actor | undefined) {
  const incident = await getIncident(deps, ref, viewer);
  const plan = (await pinnedPlan(deps, incident)).body;
  const timeline = await deps.incidents.timeline(incident.id);
  const last = lastUpdates(timeline);
  const now = deps.clock.now();
  const cadence: CadenceView[] = plan.communication.audiences.map((a) => {
    const applies = audienceApplies(plan, a, incident);
    const every = applies ? (a.cadence[incident.severity] ?? null) : null;
    const from = last.get(a.id) ?? incident.times.declared_at;
    const due = every ? addDuration(new Date(from), every) : null;
    return {
      audience: a.id,
      name: a.name,
      every,
      applies,
      last_update_at: last.get(a.id) ?? null,
      next_due_at: due?.toISOString() ?? null,
      overdue: due !== null && due < now,
    };
  });
  const items = timeline
    .filter((e) => e.kind === "status_update")
    .map((e) => ({
      ...e.payload,
      seq: e.seq,
      at: e.recorded_at,
      by: e.actor,
      audience: String(e.payload.audience),
    }));
  return { items, cadence };
}
