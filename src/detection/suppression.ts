import type { AlertSighting, Suppression, SuppressionMatcher } from "./alert.types.js";

const cache = new Map<string, RegExp>();

/** `*` matches any run of characters; everything else is literal; case does not matter. */
function glob(pattern: string): RegExp {
  let re = cache.get(pattern);
  if (!re) {
    const body = pattern
      .split("*")
      .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*");
    re = new RegExp(`^${body}$`, "is");
    if (cache.size > 1000) cache.clear();
    cache.set(pattern, re);
  }
  return re;
}

const hits = (pattern: string | undefined, value: string | null | undefined) =>
  pattern === undefined || (value != null && glob(pattern).test(value));

/** Whether a matcher selects an alert; every field it names must match. */
export function matches(
  m: SuppressionMatcher,
  a: Pick<
    AlertSighting,
    "rule_id" | "dedup_key" | "source" | "integration_id" | "title" | "entities"
  >,
): boolean {
  return (
    hits(m.rule_id, a.rule_id) &&
    hits(m.dedup_key, a.dedup_key) &&
    hits(m.source, a.source) &&
    hits(m.integration_id, a.integration_id) &&
    hits(m.title, a.title) &&
    hits(m.host, a.entities.host) &&
    hits(m.user, a.entities.user) &&
    (m.ip === undefined ||
      hits(m.ip, a.entities.source_ip) ||
      hits(m.ip, a.entities.destination_ip))
  );
}

/**
 * Marks sightings that an active suppression rule covers: a new alert from them starts
 * suppressed (until the rule expires), so known false positives and maintenance windows never
 * reach the triage queue or a declaration policy.
 */
export function applySuppressions(sightings: AlertSighting[], rules: Suppression[]): void {
  if (rules.length === 0) return;
  for (const s of sightings) {
    const rule = rules.find((r) => matches(r.matcher, s));
    if (rule) {
      s.status = "suppressed";
      s.suppression = { id: rule.id, until: rule.expires_at, reason: rule.reason };
    }
  }
}
