import type { PolicyEntity, PolicyMatch } from "../../documents/declaration-policy.schema.js";
import type { PlanDocument } from "../../documents/plan.schema.js";
import type { Alert } from "../alert.types.js";
import { severityRank } from "../severity.js";

/** Whether a tag is the wanted one or one of its sub-tags (`attack.t1003` ⊇ `attack.t1003.001`). */
function tagHits(wanted: string, tag: string): boolean {
  const w = wanted.toLowerCase();
  const t = tag.toLowerCase();
  return t === w || t.startsWith(`${w}.`);
}

/** Whether an alert satisfies a policy rule's `match`. */
export function alertMatches(m: PolicyMatch, a: Alert, plan: PlanDocument): boolean {
  if (m.min_severity !== undefined) {
    const min = severityRank(plan, m.min_severity);
    if (min < 0 || severityRank(plan, a.severity) < min) return false;
  }
  if (m.sources && !m.sources.includes(a.source)) return false;
  if (m.rules && (a.rule_id === null || !m.rules.includes(a.rule_id))) return false;
  if (m.tags && !m.tags.some((w) => a.tags.some((t) => tagHits(w, t)))) return false;
  return true;
}

/** An alert's values for an entity kind (an address may be the source or the destination). */
export function entityValues(
  a: Alert,
  by: PolicyEntity | "any",
): { kind: string; value: string }[] {
  const e = a.entities;
  const out: { kind: string; value: string }[] = [];
  if ((by === "host" || by === "any") && e.host)
    out.push({ kind: "host", value: e.host.toLowerCase() });
  if ((by === "user" || by === "any") && e.user)
    out.push({ kind: "user", value: e.user.toLowerCase() });
  if (by === "ip" || by === "any") {
    if (e.source_ip) out.push({ kind: "ip", value: e.source_ip });
    if (e.destination_ip && e.destination_ip !== e.source_ip)
      out.push({ kind: "ip", value: e.destination_ip });
  }
  return out;
}

/** Fills `{title}`, `{entity}` and `{count}` in a title template. */
export function fillTitle(
  template: string,
  values: { title: string; entity: string; count: number },
) {
  return template
    .replaceAll("{title}", values.title)
    .replaceAll("{entity}", values.entity)
    .replaceAll("{count}", String(values.count))
    .slice(0, 500);
}
