import type { Alert, AlertStore } from "../detection/alert.types.js";
import type { StoredDocument } from "../documents/document.types.js";
import type { Actor } from "../domain/actor.js";
import type { IncidentTechnique } from "../domain/attack/incident-techniques.js";
import { type Tlp, tlpFor } from "../domain/exchange.js";
import type {
  Asset,
  Evidence,
  Incident,
  Indicator,
  TimelineEntry,
} from "../domain/incident/model.js";
import type { LessonsReview, PostIncidentStore } from "../postincident/postincident.types.js";
import { type AttackDeps, incidentTechniques } from "../response/attack.service.js";
import type { ResponseDeps } from "../response/deps.js";
import { getIncident } from "../response/incident.service.js";
import { pinnedPlan } from "../response/plan-context.js";
import type { IndicatorTagStore } from "./exchange.types.js";

/** What gathering a dossier reads: the incident's stores, alerts, techniques, tags and lessons. */
export interface ExchangeDeps extends ResponseDeps, Pick<AttackDeps, "attack"> {
  detection: { alerts: Pick<AlertStore, "list"> };
  postincident: Pick<PostIncidentStore, "getLessons">;
  indicatorTags: Pick<IndicatorTagStore, "forIncident">;
}

/** An indicator with its tags (MISP tags kept on import). */
export interface TaggedIndicator extends Indicator {
  tags: string[];
}

/**
 * An incident's whole shareable record, read once: every export format (`formats.ts`) is a pure
 * function of it, so a format never reads a store and two formats of one export agree.
 */
export interface IncidentDossier {
  incident: Incident;
  timeline: TimelineEntry[];
  alerts: Alert[];
  indicators: TaggedIndicator[];
  assets: Asset[];
  evidence: Evidence[];
  /** ATT&CK techniques: from its alerts' Sigma tags and added by hand. */
  techniques: IncidentTechnique[];
  lessons: LessonsReview | undefined;
  /** The plan version the incident runs under (pinned at declaration). */
  plan: StoredDocument<"plan">;
  /** How the export is marked: restricted → red, else the plan's `sharing.default_tlp`. */
  tlp: Tlp;
  exported_at: string;
}

const ALERT_PAGE = 500;

/** Every alert attached to the incident, oldest page first. */
async function incidentAlerts(deps: ExchangeDeps, incidentId: string): Promise<Alert[]> {
  const alerts: Alert[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.detection.alerts.list({ incident_id: incidentId }, ALERT_PAGE, cursor);
    alerts.push(...page.items);
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
  return alerts;
}

/**
 * Reads the incident (by id or human id) and everything that belongs to it, as `actor` may see
 * it: an incident they may not see is `not_found`, exactly as a missing one.
 */
export async function gatherDossier(
  deps: ExchangeDeps,
  ref: string,
  actor: Actor | undefined,
): Promise<IncidentDossier> {
  const incident = await getIncident(deps, ref, actor);
  const [plan, timeline, alerts, indicators, tags, assets, evidence, techniques, lessons] =
    await Promise.all([
      pinnedPlan(deps, incident),
      deps.incidents.timeline(incident.id),
      incidentAlerts(deps, incident.id),
      deps.incidents.indicators(incident.id),
      deps.indicatorTags.forIncident(incident.id),
      deps.incidents.assets(incident.id),
      deps.incidents.evidence(incident.id),
      incidentTechniques(deps, incident.id),
      deps.postincident.getLessons(incident.id),
    ]);
  return {
    incident,
    timeline,
    alerts,
    indicators: indicators.map((i) => ({ ...i, tags: tags.get(i.id) ?? [] })),
    assets,
    evidence,
    techniques,
    lessons,
    plan,
    tlp: tlpFor(incident, plan.body.sharing?.default_tlp),
    exported_at: deps.clock.now().toISOString(),
  };
}
