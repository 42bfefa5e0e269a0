import type { Tlp } from "../domain/exchange.js";
import { isIndicatorType } from "../domain/incident/indicator.js";
import type { IncidentDossier } from "./dossier.js";
import type { ExportFormat } from "./formats.js";
import { MISP_KIND_OF } from "./misp-types.js";
import { FIREBREAK_NAMESPACE, incidentUuid, uuid5 } from "./uuid5.js";

/**
 * An incident as a MISP event in the MISP core format (docs/exchange.md): its indicators as
 * attributes with their type, category and `to_ids`, its affected assets as targeting data, the
 * TLP and its ATT&CK techniques as tags (the techniques also as `mitre-attack-pattern` galaxy
 * clusters). Unpublished, so that the receiving MISP's analysts decide when it is shared on.
 * The numeric ids are local to a MISP instance, which sets its own on import: they are "0".
 */

/** Seconds since 1970, as MISP writes times. */
const seconds = (iso: string) => String(Math.floor(Date.parse(iso) / 1000));

/** How far the event may travel (MISP's distribution levels) for each TLP. */
const DISTRIBUTION: Record<Tlp, string> = {
  red: "0", // your organisation only
  "amber+strict": "0",
  amber: "1", // this community only
  green: "2", // connected communities
  clear: "3", // all communities
};

/** The tlp taxonomy's colours (MISP's own), so the tag reads right in MISP's interface. */
const TLP_COLOUR: Record<Tlp, string> = {
  red: "#CC0033",
  "amber+strict": "#FFC000",
  amber: "#FFC000",
  green: "#339900",
  clear: "#ffffff",
};

const tag = (name: string, colour = "#0088cc") => ({ id: "0", name, colour, exportable: true });

/** High (1), medium (2) or low (3) from the severity's place on the plan's scale (lowest first). */
function threatLevel(d: IncidentDossier): string {
  const scale = d.plan.body.severity_scale.map((s) => s.id);
  const at = scale.indexOf(d.incident.severity);
  if (at < 0) return "4";
  const rank = scale.length > 1 ? at / (scale.length - 1) : 0.5;
  return rank >= 2 / 3 ? "1" : rank >= 1 / 3 ? "2" : "3";
}

/** Initial while it is being detected, complete once it ended, ongoing in between. */
function analysis(phase: string): string {
  if (phase === "detection") return "0";
  return ["closed", "declined", "merged"].includes(phase) ? "2" : "1";
}

/** MISP's ATT&CK galaxy names clusters "Name - T1234". */
const attackTagName = (t: { id: string; name: string }) =>
  `misp-galaxy:mitre-attack-pattern="${t.name} - ${t.id}"`;

/** Builds the event, as MISP's own exports wrap it: `{ "Event": { … } }`. */
export function mispEvent(d: IncidentDossier): { Event: Record<string, unknown> } {
  const { incident } = d;
  const eventUuid = incidentUuid(incident.id, "misp-event");
  const organisation = d.plan.body.organisation?.name ?? d.plan.body.title;
  const org = {
    id: "0",
    name: organisation,
    uuid: uuid5(FIREBREAK_NAMESPACE, `organisation/${d.plan.id}`),
  };
  const attribute = (
    key: string,
    kind: { type: string; category: string; to_ids: boolean },
    value: string,
    at: string,
    comment: string,
    tags: string[],
  ) => ({
    id: "0",
    uuid: incidentUuid(incident.id, `misp-attribute/${key}`),
    event_id: "0",
    type: kind.type,
    category: kind.category,
    to_ids: kind.to_ids,
    distribution: "5", // as the event
    sharing_group_id: "0",
    timestamp: seconds(at),
    comment,
    deleted: false,
    value,
    ...(tags.length > 0 ? { Tag: tags.map((t) => tag(t)) } : {}),
  });

  const attributes = [
    ...d.indicators.flatMap((i) =>
      isIndicatorType(i.type)
        ? [
            attribute(
              `indicator/${i.id}`,
              MISP_KIND_OF[i.type],
              i.value,
              i.created_at,
              i.description,
              i.tags,
            ),
          ]
        : [],
    ),
    ...d.assets.map((a) =>
      attribute(
        `asset/${a.id}`,
        {
          type: /^(account|user)$/i.test(a.kind) ? "target-user" : "target-machine",
          category: "Targeting data",
          to_ids: false,
        },
        a.name,
        a.updated_at,
        `affected ${a.kind}, ${a.status.replace(/_/g, " ")}`,
        [],
      ),
    ),
  ];

  const tags = [
    tag(`tlp:${d.tlp}`, TLP_COLOUR[d.tlp]),
    tag(`firebreak:incident-type="${incident.type}"`),
    tag(`firebreak:severity="${incident.severity}"`),
    ...d.techniques.map((t) => tag(attackTagName(t), "#0088cc")),
  ];
  const galaxy =
    d.techniques.length > 0
      ? [
          {
            name: "Attack Pattern",
            type: "mitre-attack-pattern",
            namespace: "mitre-attack",
            GalaxyCluster: d.techniques.map((t) => ({
              type: "mitre-attack-pattern",
              value: `${t.name} - ${t.id}`,
              tag_name: attackTagName(t),
              meta: { external_id: [t.id], kill_chain: t.tactics.map((k) => `mitre-attack:${k}`) },
            })),
          },
        ]
      : [];

  // MISP says info should stay under 256 characters, on one line.
  const info = `${incident.human_id}: ${incident.title}`.replace(/\s+/g, " ").slice(0, 256);
  const occurred = incident.times.first_activity_at ?? incident.times.detected_at;
  return {
    Event: {
      id: "0",
      uuid: eventUuid,
      info,
      date: occurred.slice(0, 10),
      threat_level_id: threatLevel(d),
      analysis: analysis(incident.phase),
      published: false,
      timestamp: seconds(incident.updated_at),
      publish_timestamp: "0",
      first_publication: "0",
      org_id: "0",
      orgc_id: "0",
      distribution: DISTRIBUTION[d.tlp],
      sharing_group_id: "0",
      locked: false,
      attribute_count: String(attributes.length),
      Org: org,
      Orgc: org,
      Tag: tags,
      Galaxy: galaxy,
      Attribute: attributes,
    },
  };
}

export const mispFormat: ExportFormat = {
  mediaType: "application/json",
  extension: "json",
  build: mispEvent,
};
