import { isIP } from "node:net";
import type { Tlp } from "../domain/exchange.js";
import type { Asset, Evidence } from "../domain/incident/model.js";
import type { IncidentDossier } from "./dossier.js";
import type { ExportFormat } from "./formats.js";
import { stixPattern } from "./stix-patterns.js";
import { FIREBREAK_NAMESPACE, incidentUuid, uuid5 } from "./uuid5.js";

/**
 * An incident as a STIX 2.1 bundle (docs/exchange.md): the incident, its indicators with
 * patterns (CVEs as vulnerabilities), its assets and evidence files as observed data, its
 * ATT&CK techniques as attack patterns, a report that lists them all, the relationships that tie
 * them to the incident, and the TLP marking on every object. Ids are UUIDv5 of the incident and
 * the record, times the records' own, so a second export of an unchanged incident is identical.
 */

type StixObject = Record<string, unknown> & { type: string; id: string };

/** The STIX 2.1 TLP marking definitions (STIX 2.1 section 7.2.1.4), with their fixed ids. */
const TLP_MARKINGS = {
  white: "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9",
  green: "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da",
  amber: "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82",
  red: "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed",
} as const;

function tlpMarking(tlp: keyof typeof TLP_MARKINGS): StixObject {
  return {
    type: "marking-definition",
    spec_version: "2.1",
    id: TLP_MARKINGS[tlp],
    created: "2017-01-20T00:00:00.000Z",
    name: `TLP:${tlp.toUpperCase()}`,
    definition_type: "tlp",
    definition: { tlp },
  };
}

/**
 * STIX 2.1 predates TLP 2.0: CLEAR is its WHITE, and AMBER+STRICT is AMBER narrowed by a
 * statement marking that says so (a receiver that knows only TLP 1.0 still sees AMBER).
 */
function markings(tlp: Tlp): StixObject[] {
  if (tlp === "clear") return [tlpMarking("white")];
  if (tlp !== "amber+strict") return [tlpMarking(tlp)];
  return [
    tlpMarking("amber"),
    {
      type: "marking-definition",
      spec_version: "2.1",
      id: `marking-definition--${uuid5(FIREBREAK_NAMESPACE, "tlp:amber+strict")}`,
      created: "2022-08-01T00:00:00.000Z",
      name: "TLP:AMBER+STRICT",
      definition_type: "statement",
      definition: {
        statement:
          "TLP:AMBER+STRICT: limited disclosure, recipients can only spread this on a need-to-know basis within their organization only.",
      },
    },
  ];
}

/** STIX 2.1 section 2.9: a cyber observable's id is UUIDv5 of its id-contributing properties. */
const STIX_SCO_NAMESPACE = "00abedb4-aa42-466c-9c01-fed23315a9b7";
const scoId = (type: string, contributing: Record<string, unknown>) =>
  `${type}--${uuid5(STIX_SCO_NAMESPACE, JSON.stringify(contributing))}`;

const HOSTNAME =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/**
 * The observable an asset is: an address, an account, a host by its name, or — for a name that
 * is none of those ("payroll database") — software by that name.
 */
function assetObservable(asset: Asset): StixObject {
  const family = isIP(asset.name);
  if (family) {
    const type = family === 6 ? "ipv6-addr" : "ipv4-addr";
    return { type, id: scoId(type, { value: asset.name }), value: asset.name };
  }
  if (/^(account|user)$/i.test(asset.kind))
    return {
      type: "user-account",
      id: scoId("user-account", { user_id: asset.name }),
      user_id: asset.name,
    };
  if (HOSTNAME.test(asset.name))
    return {
      type: "domain-name",
      id: scoId("domain-name", { value: asset.name.toLowerCase() }),
      value: asset.name.toLowerCase(),
    };
  return { type: "software", id: scoId("software", { name: asset.name }), name: asset.name };
}

function evidenceObservable(e: Evidence): StixObject {
  const hashes = { "SHA-256": e.sha256 };
  return {
    type: "file",
    id: scoId("file", { hashes, name: e.name }),
    hashes,
    name: e.name,
    size: e.size,
  };
}

const later = (a: string, b: string) => (a > b ? a : b);

/** Builds the bundle. */
export function stixBundle(d: IncidentDossier): {
  type: "bundle";
  id: string;
  objects: StixObject[];
} {
  const { incident } = d;
  const uuid = (key: string) => incidentUuid(incident.id, key);
  const marks = markings(d.tlp);
  const markingRefs = marks.map((m) => m.id);
  const identity: StixObject = {
    type: "identity",
    spec_version: "2.1",
    id: `identity--${uuid5(FIREBREAK_NAMESPACE, `organisation/${d.plan.id}`)}`,
    created: d.plan.createdAt,
    modified: d.plan.createdAt,
    name: d.plan.body.organisation?.name ?? d.plan.body.title,
    identity_class: "organization",
    object_marking_refs: markingRefs,
  };
  /** The properties every domain object and relationship of the bundle shares. */
  const sdo = (type: string, key: string, created: string, modified = created) => ({
    type,
    spec_version: "2.1",
    id: `${type}--${uuid(key)}`,
    created,
    modified: later(modified, created),
    created_by_ref: identity.id,
    object_marking_refs: markingRefs,
  });

  const declared = incident.times.declared_at;
  const incidentObject: StixObject = {
    ...sdo("incident", "incident", declared, incident.updated_at),
    name: incident.title,
    ...(incident.description ? { description: incident.description } : {}),
    labels: [`type:${incident.type}`, `severity:${incident.severity}`, `phase:${incident.phase}`],
    external_references: [{ source_name: "firebreak", external_id: incident.human_id }],
  };

  const related: StixObject[] = [];
  for (const i of d.indicators) {
    const tags = i.tags.length > 0 ? { labels: i.tags } : {};
    const description = i.description ? { description: i.description } : {};
    const pattern = stixPattern(i.type, i.value);
    related.push(
      pattern
        ? {
            ...sdo("indicator", `indicator/${i.id}`, i.created_at),
            name: `${i.type}: ${i.value}`,
            ...description,
            indicator_types: ["malicious-activity"],
            pattern,
            pattern_type: "stix",
            pattern_version: "2.1",
            valid_from: i.created_at,
            ...tags,
          }
        : {
            ...sdo("vulnerability", `indicator/${i.id}`, i.created_at),
            name: i.value,
            ...description,
            external_references: [{ source_name: "cve", external_id: i.value }],
            ...tags,
          },
    );
  }

  const observables: StixObject[] = [];
  const observe = (
    key: string,
    sco: StixObject,
    first: string,
    last: string,
    count: number,
    labels: string[],
  ) => {
    // Two records of one thing (the same file kept twice) share the observable: list it once.
    if (!observables.some((o) => o.id === sco.id))
      observables.push({ ...sco, object_marking_refs: markingRefs });
    related.push({
      ...sdo("observed-data", key, first, last),
      first_observed: first,
      last_observed: later(last, first),
      number_observed: Math.max(1, count),
      object_refs: [sco.id],
      labels,
    });
  };
  for (const asset of d.assets) {
    const updates = d.timeline.filter(
      (t) => t.kind === "asset.updated" && t.payload.asset_id === asset.id,
    );
    const first = updates[0]?.recorded_at ?? asset.updated_at;
    observe(`asset/${asset.id}`, assetObservable(asset), first, asset.updated_at, updates.length, [
      "firebreak-asset",
      `kind:${asset.kind}`,
      `status:${asset.status}`,
    ]);
  }
  for (const e of d.evidence)
    observe(`evidence/${e.id}`, evidenceObservable(e), e.acquired_at, e.acquired_at, 1, [
      "firebreak-evidence",
    ]);

  for (const t of d.techniques)
    related.push({
      ...sdo("attack-pattern", `technique/${t.id}`, declared),
      name: t.name,
      external_references: [
        {
          source_name: "mitre-attack",
          external_id: t.id,
          url: `https://attack.mitre.org/techniques/${t.id.replace(".", "/")}/`,
        },
      ],
      ...(t.tactics.length > 0
        ? {
            kill_chain_phases: t.tactics.map((phase_name) => ({
              kill_chain_name: "mitre-attack",
              phase_name,
            })),
          }
        : {}),
    });

  const relationships = related.map((target) => ({
    ...sdo("relationship", `relationship/${target.id}`, target.created as string),
    relationship_type: "related-to",
    source_ref: incidentObject.id,
    target_ref: target.id,
  }));

  const content = [incidentObject, ...related, ...observables, ...relationships];
  const report: StixObject = {
    ...sdo("report", "report", declared, incident.updated_at),
    name: `${incident.human_id}: ${incident.title}`,
    ...(incident.description ? { description: incident.description } : {}),
    report_types: ["threat-report"],
    published: incident.updated_at,
    object_refs: content.map((o) => o.id),
  };
  return {
    type: "bundle",
    id: `bundle--${uuid("bundle")}`,
    objects: [...marks, identity, ...content, report],
  };
}

export const stixFormat: ExportFormat = {
  mediaType: "application/stix+json;version=2.1",
  extension: "json",
  build: stixBundle,
};
