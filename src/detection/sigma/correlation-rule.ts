/**
 * Reads Sigma correlation documents (Sigma 2.1: event_count, value_count, temporal,
 * temporal_ordered, value_sum, value_avg, value_percentile) and validates them.
 */
import { PathError } from "./compiler.js";
import type { SigmaDocument } from "./parser.js";
import { readMeta } from "./rule-builder.js";
import type { CorrelationCondition, CorrelationRule, CorrelationType } from "./types.js";

const TYPES = new Set<CorrelationType>([
  "event_count",
  "value_count",
  "temporal",
  "temporal_ordered",
  "value_sum",
  "value_avg",
  "value_percentile",
]);

const UNITS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
  M: 30 * 86_400_000,
  y: 365 * 86_400_000,
};

/** Parses `30s`, `5m`, `1h`, `7d` (also `w`, `M`, `y`) to milliseconds. */
export function parseTimespan(v: unknown): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([smhdwMy])\s*$/.exec(String(v ?? ""));
  if (!m) throw new Error(`invalid timespan '${String(v)}' (expected a number and s, m, h or d)`);
  const ms = Number(m[1]) * (UNITS[m[2] as string] as number);
  if (ms <= 0) throw new Error(`timespan must be positive ('${String(v)}')`);
  return ms;
}

const OPS = ["gt", "gte", "lt", "lte", "eq", "neq"] as const;

function readCondition(v: unknown, type: CorrelationType): CorrelationCondition {
  const path = ["correlation", "condition"];
  const temporal = type === "temporal" || type === "temporal_ordered";
  if (v === undefined || v === null) {
    if (temporal) return {};
    throw new PathError(`a ${type} correlation needs a 'condition'`, path);
  }
  if (typeof v !== "object" || Array.isArray(v))
    throw new PathError("'condition' must be a map", path);
  const out: CorrelationCondition = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (k === "field") {
      const fields = (Array.isArray(x) ? x : [x]).map(String);
      if (fields.length === 0 || fields.some((f) => f === "")) {
        throw new PathError("'field' must name a field", [...path, k]);
      }
      out.field = fields;
      continue;
    }
    if (!(OPS as readonly string[]).includes(k)) {
      throw new PathError(`unknown correlation condition operator '${k}'`, [...path, k]);
    }
    const n = typeof x === "number" ? x : Number(x);
    if (!Number.isFinite(n)) throw new PathError(`'${k}' needs a number`, [...path, k]);
    out[k as (typeof OPS)[number]] = n;
  }
  const needsField = type.startsWith("value_");
  if (needsField && !out.field)
    throw new PathError(`a ${type} correlation needs 'condition.field'`, path);
  if (!temporal && !OPS.some((o) => out[o] !== undefined)) {
    throw new PathError("'condition' needs a comparison (gt, gte, lt, lte, eq or neq)", path);
  }
  return out;
}

/** True when the value satisfies every comparison of the condition. */
export function conditionHolds(c: CorrelationCondition, v: number): boolean {
  if (c.gt !== undefined && !(v > c.gt)) return false;
  if (c.gte !== undefined && !(v >= c.gte)) return false;
  if (c.lt !== undefined && !(v < c.lt)) return false;
  if (c.lte !== undefined && !(v <= c.lte)) return false;
  if (c.eq !== undefined && v !== c.eq) return false;
  if (c.neq !== undefined && v === c.neq) return false;
  return true;
}

/** True when more events can only keep the condition true (gt/gte only): fire on arrival. */
export function isUpward(c: CorrelationCondition): boolean {
  return c.lt === undefined && c.lte === undefined && c.eq === undefined && c.neq === undefined;
}

/** Parses a correlation document. Throws PathError on problems. */
export function buildCorrelation(doc: SigmaDocument): CorrelationRule {
  const meta = readMeta(doc);
  const c = doc.data.correlation;
  if (c === null || typeof c !== "object" || Array.isArray(c)) {
    throw new PathError("'correlation' must be a map", ["correlation"]);
  }
  const cor = c as Record<string, unknown>;
  const type = String(cor.type ?? "") as CorrelationType;
  if (!TYPES.has(type)) {
    throw new PathError(`unknown correlation type '${String(cor.type)}'`, ["correlation", "type"]);
  }
  const rules = (Array.isArray(cor.rules) ? cor.rules : cor.rules ? [cor.rules] : []).map(String);
  if (rules.length === 0)
    throw new PathError("correlation has no 'rules'", ["correlation", "rules"]);
  const groupRaw = cor["group-by"];
  const groupBy = (Array.isArray(groupRaw) ? groupRaw : groupRaw ? [groupRaw] : []).map(String);
  let timespanMs: number;
  try {
    timespanMs = parseTimespan(cor.timespan);
  } catch (e) {
    throw new PathError((e as Error).message, ["correlation", "timespan"]);
  }
  const aliases: Record<string, Record<string, string>> = {};
  const rawAliases = cor.aliases;
  if (rawAliases !== undefined && rawAliases !== null) {
    if (typeof rawAliases !== "object" || Array.isArray(rawAliases)) {
      throw new PathError("'aliases' must be a map", ["correlation", "aliases"]);
    }
    for (const [alias, m] of Object.entries(rawAliases as Record<string, unknown>)) {
      if (m === null || typeof m !== "object" || Array.isArray(m)) {
        throw new PathError(`alias '${alias}' must map rule names to fields`, [
          "correlation",
          "aliases",
          alias,
        ]);
      }
      aliases[alias] = Object.fromEntries(
        Object.entries(m as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
      );
    }
  }
  const gen = doc.data.generate ?? cor.generate;
  return {
    ...meta,
    type,
    rules,
    groupBy,
    timespanMs,
    condition: readCondition(cor.condition, type),
    aliases,
    generate: gen === true || gen === "true",
    standalone: true,
  };
}
