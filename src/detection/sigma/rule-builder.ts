/**
 * Builds rules and filters from parsed Sigma documents: metadata validation, detection
 * compilation, and errors turned into `{file, reason}` failures with the line and column of the
 * offending part of the document.
 */
import { compileDetection, PathError } from "./compiler.js";
import type { FieldCompileContext } from "./field-compiler.js";
import type { SigmaDocument } from "./parser.js";
import type { CompiledRule, Logsource, RuleFailure, SigmaFilter } from "./types.js";

/** Converts an error from compiling a document into a failure with its position. */
export function failureOf(
  doc: SigmaDocument,
  e: unknown,
  fallbackPath: string[] = [],
): RuleFailure {
  const msg = e instanceof Error ? e.message : String(e);
  const path = e instanceof PathError ? e.path : fallbackPath;
  const pos = doc.locate(path);
  const where = path.length > 0 ? `${path.join(".")}: ` : "";
  const title = typeof doc.data.title === "string" ? ` (rule '${doc.data.title}')` : "";
  return {
    file: doc.file,
    reason: `${pos ? `line ${pos.line}, column ${pos.column}: ` : ""}${where}${msg}${title}`,
    ...(pos ? { line: pos.line, column: pos.column } : {}),
  };
}

function str(v: unknown): string | undefined {
  return typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined;
}

function strList(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]).map((x) => String(x));
}

/** Reads a `logsource` map (lowercased values; unknown keys such as `definition` are ignored). */
export function readLogsource(v: unknown, required: boolean): Logsource {
  if (v === undefined || v === null) {
    if (required) throw new PathError("missing 'logsource'", ["logsource"]);
    return {};
  }
  if (typeof v !== "object" || Array.isArray(v)) {
    throw new PathError("'logsource' must be a map", ["logsource"]);
  }
  const ls: Logsource = {};
  const m = v as Record<string, unknown>;
  for (const k of ["product", "category", "service"] as const) {
    const x = m[k];
    if (x === undefined || x === null) continue;
    if (typeof x !== "string")
      throw new PathError(`logsource '${k}' must be a string`, ["logsource", k]);
    ls[k] = x.toLowerCase();
  }
  return ls;
}

/** Metadata common to rules and correlations. */
export function readMeta(doc: SigmaDocument) {
  const d = doc.data;
  const title = str(d.title);
  if (!title) throw new PathError("missing 'title'", ["title"]);
  const name = str(d.name);
  return {
    id: str(d.id) ?? name ?? `${doc.file}#${doc.index + 1}`,
    title,
    ...(name ? { name } : {}),
    level: str(d.level)?.toLowerCase() ?? "medium",
    ...(str(d.status) ? { status: str(d.status) } : {}),
    ...(str(d.description) ? { description: str(d.description) } : {}),
    ...(str(d.author) ? { author: str(d.author) } : {}),
    tags: strList(d.tags),
    references: strList(d.references),
    falsepositives: strList(d.falsepositives),
    file: doc.file,
  };
}

/** Compiles a detection rule document. Throws PathError on problems. */
export function buildRule(
  doc: SigmaDocument,
  index: number,
  cx: FieldCompileContext,
): CompiledRule {
  const meta = readMeta(doc);
  const logsource = readLogsource(doc.data.logsource, true);
  const { node, explain } = compileDetection(doc.data.detection, cx);
  return {
    ...meta,
    logsource,
    fields: strList(doc.data.fields),
    index,
    test: node.test,
    need: node.need,
    standalone: true,
    explain,
  };
}

/** Compiles a filter document (`filter: {rules, <selections>, condition}`). */
export function buildFilter(doc: SigmaDocument, cx: FieldCompileContext): SigmaFilter {
  const title = str(doc.data.title);
  if (!title) throw new PathError("missing 'title'", ["title"]);
  const f = doc.data.filter;
  if (f === null || typeof f !== "object" || Array.isArray(f)) {
    throw new PathError("'filter' must be a map", ["filter"]);
  }
  const { rules, ...detection } = f as Record<string, unknown>;
  const refs = strList(rules);
  if (refs.length === 0)
    throw new PathError("filter has no 'rules' to apply to", ["filter", "rules"]);
  let compiled: ReturnType<typeof compileDetection>;
  try {
    compiled = compileDetection(detection, cx);
  } catch (e) {
    if (e instanceof PathError) {
      throw new PathError(e.message, ["filter", ...e.path.filter((p) => p !== "detection")]);
    }
    throw e;
  }
  const id = str(doc.data.id);
  return {
    ...(id ? { id } : {}),
    title,
    file: doc.file,
    logsource: readLogsource(doc.data.logsource, false),
    rules: refs,
    node: compiled.node,
  };
}

/** True when a filter's logsource is compatible with a rule's (no attribute contradicts). */
export function filterFits(filter: SigmaFilter, rule: CompiledRule): boolean {
  for (const k of ["product", "category", "service"] as const) {
    const f = filter.logsource[k];
    if (f !== undefined && rule.logsource[k] !== undefined && rule.logsource[k] !== f) return false;
  }
  return true;
}

/** Applies filters to rules: `rule and not filter` for each filter naming the rule. */
export function applyFilters(rules: CompiledRule[], filters: SigmaFilter[]): void {
  const byRef = new Map<string, CompiledRule[]>();
  for (const r of rules) {
    for (const k of [r.id, r.name]) {
      if (k === undefined) continue;
      const list = byRef.get(k) ?? [];
      list.push(r);
      byRef.set(k, list);
    }
  }
  for (const f of filters) {
    const targets = new Set(f.rules.flatMap((ref) => byRef.get(ref) ?? []));
    for (const r of targets) {
      if (!filterFits(f, r)) continue;
      const base = r.test;
      const excl = f.node.test;
      r.test = (ctx) => base(ctx) && !excl(ctx);
    }
  }
}
