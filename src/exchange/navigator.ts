import type { Actor } from "../domain/actor.js";
import { type LayerIncident, type NavigatorLayer, navigatorLayer } from "../domain/attack/layer.js";
import type { Incident } from "../domain/incident/model.js";
import { bound } from "../reports/metrics.service.js";
import { countedIncidents, type TechniqueMetricsDeps } from "../reports/technique-metrics.js";
import { techniquesOfIncidents } from "../response/attack.service.js";
import { getIncident } from "../response/incident.service.js";
import type { IncidentDossier } from "./dossier.js";
import type { ExportFormat } from "./formats.js";

/**
 * ATT&CK Navigator layers (format 4.5, `domain/attack/layer.ts`): one incident's, as an export
 * format of the registry, and one over many incidents for `GET /attack/layer` and
 * `firebreak attack layer`.
 */

function layerOfDossier(d: IncidentDossier): NavigatorLayer {
  const { incident } = d;
  return navigatorLayer(
    [{ human_id: incident.human_id, title: incident.title, techniques: d.techniques }],
    {
      name: `${incident.human_id} ${incident.title}`,
      description: `ATT&CK techniques of ${incident.human_id} (${incident.type}, ${incident.severity}), from its alerts' Sigma tags and added by hand, as of ${d.exported_at}.`,
      metadata: [{ name: "TLP", value: `TLP:${d.tlp.toUpperCase()}` }],
    },
  );
}

export const navigatorFormat: ExportFormat = {
  mediaType: "application/json",
  extension: "json",
  build: layerOfDossier,
};

/** Which incidents a layer covers. */
export interface LayerQuery {
  /** Incidents by id or human id; none: every incident the response metrics count. */
  incidents?: readonly string[];
  /** Declared at or after (ISO 8601 date or time). */
  since?: string;
  /** Declared before. */
  until?: string;
}

/**
 * The layer over many incidents, as `viewer` may see them: the named ones (an incident they may
 * not see is not_found, as a missing one), or every incident of the period that the response
 * metrics count (not exercises, declined or merged ones). Named incidents are also held to the
 * period when one is given.
 */
export async function attackLayer(
  deps: TechniqueMetricsDeps,
  query: LayerQuery,
  viewer: Actor | undefined,
): Promise<NavigatorLayer> {
  const since = bound("since", query.since);
  const until = bound("until", query.until);
  const named = query.incidents ?? [];
  const incidents: Incident[] =
    named.length === 0
      ? (await countedIncidents(deps, { from: since, to: until }, viewer)).incidents
      : [
          ...new Map(
            (await Promise.all(named.map((ref) => getIncident(deps, ref, viewer)))).map((i) => [
              i.id,
              i,
            ]),
          ).values(),
        ].filter(
          (i) =>
            (!since || i.times.declared_at >= since) && (!until || i.times.declared_at < until),
        );
  const techniques = await techniquesOfIncidents(
    deps,
    incidents.map((i) => i.id),
  );
  const covered: LayerIncident[] = incidents.map((i) => ({
    human_id: i.human_id,
    title: i.title,
    techniques: techniques.get(i.id) ?? [],
  }));
  const period = [since && `since ${since}`, until && `until ${until}`].filter(Boolean).join(" ");
  // Named incidents name the layer; a period's layer is named by its period.
  const only = named.length > 0 && covered.length === 1 ? covered[0] : undefined;
  const subject = only
    ? `${only.human_id} ${only.title}`
    : named.length > 0
      ? `Firebreak incidents ${covered.map((i) => i.human_id).join(", ")}`
      : `Firebreak incidents${period ? ` ${period}` : ""}`;
  return navigatorLayer(covered, {
    name: subject,
    description: `ATT&CK techniques of ${covered.length} incident${covered.length === 1 ? "" : "s"}${period ? ` declared ${period}` : ""}; a technique's score is the number of incidents that saw it.`,
    metadata: period ? [{ name: "period", value: period }] : [],
  });
}
