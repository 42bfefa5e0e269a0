import { ingestEvents } from "../detection/ingest.service.js";
import type { Incident } from "../domain/incident/model.js";
import { declareIncident } from "../response/incident.service.js";
import type { Runtime } from "../runtime.js";
import { MINUTE, storyRuntime, teamActor } from "./clockwork.js";
import {
  DEMO_SOURCE,
  databaseLogCleared,
  ndjson,
  storyNdjson,
  UNTRIAGED,
  vpnPasswordGuessing,
} from "./events.js";
import { loadHistory } from "./history.js";
import { DEMO_PHISHING_TITLE, loadPhishing } from "./phishing.js";
import { loadRansomware } from "./ransomware.js";

/** What `loadDemo` did. */
export interface DemoSummary {
  /** False when the demo was already loaded (nothing was changed). */
  loaded: boolean;
  message: string;
  events: number;
  alerts: number;
  /** Every incident of the demo, the open ones first. */
  incidents: { id: string; human_id: string; title: string; phase: string }[];
  reports: { id: string; incident: string; kind: string; format: string; version: number }[];
}

const brief = (i: Incident) => ({
  id: i.id,
  human_id: i.human_id,
  title: i.title,
  phase: i.phase,
});

async function existing(rt: Runtime): Promise<Incident | undefined> {
  const { items } = await rt.incidents.list({ q: DEMO_PHISHING_TITLE }, 50);
  return items.find((i) => i.title === DEMO_PHISHING_TITLE);
}

/**
 * Loads a realistic scenario, each part at its own time through the real use cases (so the
 * timeline, the metrics and the reports read as they would after real work):
 *
 * - six incidents of the past five months, closed, some with lessons and action items;
 * - nine days ago, ransomware on FS01, declared by the default policy from replayed Sysmon
 *   events and worked to closed with its RCA, lessons and reports;
 * - this morning, a phishing incident declared from its alerts, now in containment;
 * - in the last hour, alerts waiting in the triage queue and an outage nobody has acknowledged.
 *
 * Does nothing when the demo is already there.
 */
export async function loadDemo(rt: Runtime): Promise<DemoSummary> {
  const found = await existing(rt);
  if (found) {
    const alerts = await rt.detection.alerts.list({}, 1000);
    return {
      loaded: false,
      message: `the demo is already loaded (${found.human_id}); nothing changed`,
      events: 0,
      alerts: alerts.items.length,
      incidents: [brief(found)],
      reports: [],
    };
  }
  const now = rt.clock.now().getTime();
  const history = await loadHistory(rt, now);
  const ransomware = await loadRansomware(rt, now);
  const phishing = await loadPhishing(rt, now, history[0] as Incident);
  const untriaged = await loadUntriaged(rt, now);
  const outage = await declareOutage(rt, now);

  const alerts = await rt.detection.alerts.list({}, 1000);
  const a = (await rt.incidents.get(phishing.incident.id)) as Incident;
  const b = ransomware.incident;
  return {
    loaded: true,
    message: `demo loaded: ${outage.human_id} waiting for acknowledgement, ${a.human_id} in ${a.phase}, ${b.human_id} closed with its reports, and ${history.length} closed incidents of the past months`,
    events: ransomware.events + phishing.events + untriaged,
    alerts: alerts.items.length,
    incidents: [outage, a, b, ...history.reverse()].map(brief),
    reports: ransomware.reports.map((r) => ({
      id: r.id,
      incident: b.human_id,
      kind: r.kind,
      format: r.format,
      version: r.version,
    })),
  };
}

/** The last hour's alerts nobody has looked at yet; returns how many events that took. */
async function loadUntriaged(rt: Runtime, now: number): Promise<number> {
  const batches: [minutesAgo: number, text: string, events: number][] = [
    [52, storyNdjson(now - 52 * MINUTE, UNTRIAGED, 3000), UNTRIAGED.length],
    [25, ndjson(vpnPasswordGuessing(now - 28 * MINUTE)), 12],
    [12, ndjson(databaseLogCleared(now - 13 * MINUTE)), 1],
  ];
  const story = storyRuntime(rt, now);
  for (const [minutesAgo, text] of batches) {
    story.clock.set(new Date(now - minutesAgo * MINUTE));
    await ingestEvents(story.rt, { text, source: DEMO_SOURCE });
  }
  return batches.reduce((n, [, , events]) => n + events, 0);
}

/** Six minutes ago the on-call engineer declared an outage; the page is still unanswered. */
function declareOutage(rt: Runtime, now: number): Promise<Incident> {
  const story = storyRuntime(rt, now - 6 * MINUTE);
  return declareIncident(
    story.rt,
    {
      title: "Customer portal answers 503 for EU users",
      type: "denial-of-service",
      severity: "emergency",
      description:
        "Synthetic checks from Frankfurt and Paris have failed for ten minutes; the load balancers show a surge of SYN packets.",
      first_activity_at: new Date(now - 14 * MINUTE).toISOString(),
      aware_at: new Date(now - 9 * MINUTE).toISOString(),
      attributes: { customer_impact: true, affected_services: ["customer-portal"] },
    },
    teamActor("grace-mensah", "Grace Mensah"),
  );
}
