import type { PlanDocument } from "../documents/plan.schema.js";
import type { AlertEntities, AlertSighting } from "./alert.types.js";
import { RULE_LEVELS, type RuleLevel, severityForLevel } from "./severity.js";
import type { CorrelationMatch, RuleMatch, RuleMeta } from "./sigma/index.js";

/** Links kept per alert per batch: a rule matching a million events need not link them all. */
const MAX_LINKS_PER_BATCH = 1000;

/** The main entity of an alert, for its dedup key: the host, else the user, else the address. */
function mainEntity(e: AlertEntities): string | undefined {
  if (e.host) return `host=${e.host.toLowerCase()}`;
  if (e.user) return `user=${e.user.toLowerCase()}`;
  if (e.source_ip) return `ip=${e.source_ip}`;
  return undefined;
}

const levelOf = (l: string): RuleLevel =>
  (RULE_LEVELS as readonly string[]).includes(l) ? (l as RuleLevel) : "medium";

type RuleLike = Omit<RuleMeta, "logsource" | "fields"> & Partial<RuleMeta>;

/**
 * A rule's payload, one object per rule: the store serialises it once for all the rule's
 * sightings (`alert.rows.ts`), so it must never be changed once made.
 */
const payloads = new WeakMap<RuleLike, Record<string, unknown>>();
function sharedRulePayload(rule: RuleLike): Record<string, unknown> {
  let payload = payloads.get(rule);
  if (!payload) {
    payload = rulePayload(rule);
    payloads.set(rule, payload);
  }
  return payload;
}

function rulePayload(rule: RuleLike) {
  return {
    rule: {
      id: rule.id,
      title: rule.title,
      level: rule.level,
      status: rule.status ?? null,
      description: rule.description ?? null,
      author: rule.author ?? null,
      tags: rule.tags,
      references: rule.references,
      falsepositives: rule.falsepositives,
      file: rule.file,
    },
  };
}

/**
 * Gathers the rule matches of one batch into alert sightings, one per dedup key: the rule id
 * plus the event's main entity (host, else user, else source address), or the correlation id
 * plus its group-by values. Counts, first and last seen and the events behind each are summed
 * here so that a batch writes each alert once.
 */
export class SightingCollector {
  private readonly byKey = new Map<string, AlertSighting>();

  constructor(private readonly plan: PlanDocument) {}

  /** Adds a standalone rule match. `seen` is the event's time (ISO). */
  match(m: RuleMatch, eventId: string, entities: AlertEntities, seen: string): void {
    const main = mainEntity(entities);
    const key = main ? `${m.rule.id}:${main}` : m.rule.id;
    this.add(key, m.rule, eventId, entities, seen, {});
  }

  /** Adds a correlation that fired; its events are the ones the correlation counted. */
  correlation(c: CorrelationMatch, eventId: string, entities: AlertEntities, seen: string): void {
    const group = Object.entries(c.group)
      .map(([k, v]) => `${k}=${String(v).toLowerCase()}`)
      .join(",");
    const key = group ? `${c.correlation.id}:${group}` : c.correlation.id;
    const refs = c.refs.filter((r): r is string => typeof r === "string");
    this.add(key, c.correlation, eventId, entities, seen, {
      correlation: { type: c.correlation.type, group: c.group, value: c.value, rules: c.rules },
    });
    const s = this.byKey.get(`rule\0${key}`) as AlertSighting;
    for (const r of refs) if (s.event_ids.length < MAX_LINKS_PER_BATCH) s.event_ids.push(r);
  }

  private add(
    key: string,
    rule: Omit<RuleMeta, "logsource" | "fields"> & Partial<RuleMeta>,
    eventId: string,
    entities: AlertEntities,
    seen: string,
    extra: Record<string, unknown>,
  ): void {
    const mapKey = `rule\0${key}`;
    const s = this.byKey.get(mapKey);
    if (s) {
      s.count++;
      if (seen < s.first_seen) s.first_seen = seen;
      if (seen > s.last_seen) {
        s.last_seen = seen;
        s.entities = entities;
      }
      if (s.event_ids.length < MAX_LINKS_PER_BATCH) s.event_ids.push(eventId);
      return;
    }
    const level = levelOf(rule.level);
    this.byKey.set(mapKey, {
      scope: "rule",
      dedup_key: key,
      source: "rule",
      rule_id: rule.id,
      integration_id: null,
      title: rule.title,
      severity: severityForLevel(this.plan, level),
      level: rule.level,
      entities,
      tags: rule.tags,
      payload: extra.correlation ? { ...rulePayload(rule), ...extra } : sharedRulePayload(rule),
      count: 1,
      first_seen: seen,
      last_seen: seen,
      status: "open",
      event_ids: [eventId],
    });
  }

  /** The sightings gathered so far. */
  sightings(): AlertSighting[] {
    return [...this.byKey.values()];
  }
}
