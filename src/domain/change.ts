/**
 * Change events (deploys, configuration pushes, rotated secrets) and the rule that ties them to
 * an incident: a change *touches* an incident when one of the names it carries (its source and
 * the service or host named in its details) is one of the incident's names (its affected assets
 * and its service attributes), compared without case. docs/integrations.md explains the rule.
 */

/** A link a sender attached to a change (a build, a pull request, a runbook). */
export interface ChangeLink {
  href: string;
  text: string | null;
}

/** One stored change event. */
export interface ChangeEvent {
  id: string;
  /** The integration whose key sent it. */
  integration_id: string;
  summary: string;
  /** Where the change happened, as the sender names it (a host, a pipeline, a service). */
  source: string | null;
  /** The change's own time when the sender gave one, else when it arrived. */
  timestamp: string;
  received_at: string;
  custom_details: Record<string, unknown> | null;
  links: ChangeLink[];
  /** The names it touches (lower case): what incidents are matched on. */
  targets: string[];
  /** Repeats of one change with its own timestamp (a sender's retry) share this key. */
  dedup_key: string;
}

/** The detail fields that name what a change touches, besides its source. */
export const CHANGE_TARGET_DETAILS = ["service", "services", "host", "hostname", "hosts"] as const;

/** The incident attributes that name its services (the default plan has `affected_services`). */
export const INCIDENT_SERVICE_ATTRIBUTES = ["service", "services", "affected_services"] as const;

const MAX_TARGET = 300;
const MAX_TARGETS = 50;

/** The names in a string or a list of strings, trimmed and lower-cased; anything else: none. */
function names(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list
    .filter((v): v is string => typeof v === "string")
    .map((v) => v.trim().toLowerCase())
    .filter((v) => v !== "" && v.length <= MAX_TARGET);
}

const distinct = (list: string[]) => [...new Set(list)].slice(0, MAX_TARGETS);

/** The names a change touches: its source and `custom_details.service|services|host|hostname|hosts`. */
export function changeTargets(source: string | null, details: Record<string, unknown> | null) {
  return distinct([
    ...names(source),
    ...CHANGE_TARGET_DETAILS.flatMap((field) => names(details?.[field])),
  ]);
}

/** The names an incident is known by: its assets' names and its service attributes. */
export function incidentTargets(
  attributes: Record<string, unknown>,
  assetNames: readonly string[],
): string[] {
  return [
    ...new Set([
      ...assetNames.flatMap(names),
      ...INCIDENT_SERVICE_ATTRIBUTES.flatMap((a) => names(attributes[a])),
    ]),
  ];
}

/**
 * The span whose changes count as "before the incident": the `windowMs` before its first
 * activity, or before its declaration while the first activity is unknown. The anchor itself is
 * included (a change at the very moment is a suspect too).
 */
export function changeWindow(
  times: { first_activity_at: string | null; declared_at: string },
  windowMs: number,
): { anchor: string; from: string; to: string } {
  const anchor = times.first_activity_at ?? times.declared_at;
  return {
    anchor,
    from: new Date(Date.parse(anchor) - windowMs).toISOString(),
    to: new Date(Date.parse(anchor)).toISOString(),
  };
}
