import { createTwoFilesPatch, diffLines } from "diff";
import { canonicalJson } from "../domain/canonical-json.js";

/**
 * What changed between two plan versions, readably: a unified YAML line diff (what the author
 * changed, comments included) and a structural summary of the things approvers look for —
 * roles, severities, obligations, incident types, team, preparation activities added, removed
 * or changed — computed from the validated bodies, so that reformatting does not show up there.
 */

/** The plan's lists whose items have ids, in the order the summary shows them. */
const LISTS = [
  ["roles", "roles"],
  ["severity_scale", "severities"],
  ["compliance", "obligations"],
  ["incident_types", "incident types"],
  ["team", "team members"],
  ["preparation", "preparation activities"],
  ["channels", "channels"],
  ["attributes", "attributes"],
  ["on_call", "on-call rotations"],
] as const;

/** Top-level fields shown as "changed" when they differ (prose and settings). */
const FIELDS = [
  "title",
  "version",
  "owner",
  "approval",
  "review",
  "mission",
  "goals",
  "principles",
  "scope",
  "risk_tolerance",
] as const;

/** One item of a list whose content differs, with the fields that differ. */
export type ItemChange = {
  id: string;
  /** The item's fields that differ (`targets`, `authority`, `deadlines`). */
  fields: string[];
};

/** What changed in one of the plan's lists of items with ids. */
export type ListChange = {
  list: string;
  name: string;
  added: string[];
  removed: string[];
  changed: ItemChange[];
};

/** The differences between two plan versions (API and CLI shape). */
export type PlanDiff = {
  from: { version: number; label: string; hash: string };
  to: { version: number; label: string; hash: string };
  identical: boolean;
  /** Per list, only lists with a change. */
  lists: ListChange[];
  /** Top-level fields that differ. */
  fields: string[];
  /** Escalation paths (by severity) and audiences (by id) whose content differs. */
  escalation: ItemChange[];
  audiences: ListChange | null;
  /** One sentence per change, for CLIs and notifications. */
  summary: string[];
  /** Unified diff of the YAML sources. */
  unified: string;
  stats: { added_lines: number; removed_lines: number };
};

/** What a diff reads of a stored version. */
export interface PlanVersionText {
  version: number;
  label: string;
  hash: string;
  source: string;
  body: Record<string, unknown>;
}

type Item = Record<string, unknown>;
const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

function itemKey(list: string, item: Item): string {
  return String(list === "on_call" ? item.role : (item.id ?? item.severity));
}

function compareItems(list: string, name: string, a: Item[], b: Item[]): ListChange {
  const before = new Map(a.map((x) => [itemKey(list, x), x]));
  const after = new Map(b.map((x) => [itemKey(list, x), x]));
  const changed: ItemChange[] = [];
  for (const [id, x] of after) {
    const old = before.get(id);
    if (!old || same(old, x)) continue;
    const keys = [...new Set([...Object.keys(old), ...Object.keys(x)])];
    changed.push({ id, fields: keys.filter((k) => !same(old[k], x[k])).sort() });
  }
  return {
    list,
    name,
    added: [...after.keys()].filter((id) => !before.has(id)),
    removed: [...before.keys()].filter((id) => !after.has(id)),
    changed,
  };
}

const asItems = (v: unknown): Item[] => (Array.isArray(v) ? (v as Item[]) : []);
const hasChange = (c: ListChange) => c.added.length + c.removed.length + c.changed.length > 0;

function sentences(c: ListChange): string[] {
  const out: string[] = [];
  if (c.added.length) out.push(`${c.name} added: ${c.added.join(", ")}`);
  if (c.removed.length) out.push(`${c.name} removed: ${c.removed.join(", ")}`);
  for (const x of c.changed) out.push(`${c.name} changed: ${x.id} (${x.fields.join(", ")})`);
  return out;
}

/** The differences from `a` to `b` (usually older to newer). Pure. */
export function diffPlans(a: PlanVersionText, b: PlanVersionText): PlanDiff {
  const lists = LISTS.map(([list, name]) =>
    compareItems(list, name, asItems(a.body[list]), asItems(b.body[list])),
  ).filter(hasChange);
  const fields = FIELDS.filter((f) => !same(a.body[f], b.body[f]));
  const escalation = compareItems(
    "escalation",
    "escalation paths",
    asItems(a.body.escalation),
    asItems(b.body.escalation),
  );
  const comm = (body: Record<string, unknown>) =>
    asItems((body.communication as { audiences?: unknown } | undefined)?.audiences);
  const audiences = compareItems("audiences", "audiences", comm(a.body), comm(b.body));

  const summary = [
    ...fields.map((f) => `${f.replace("_", " ")} changed`),
    ...lists.flatMap(sentences),
    ...sentences(escalation),
    ...sentences(audiences),
  ];
  let added = 0;
  let removed = 0;
  for (const part of diffLines(a.source, b.source)) {
    if (part.added) added += part.count ?? 0;
    else if (part.removed) removed += part.count ?? 0;
  }
  const name = (v: PlanVersionText) => `plan v${v.version} (${v.label})`;
  return {
    from: { version: a.version, label: a.label, hash: a.hash },
    to: { version: b.version, label: b.label, hash: b.hash },
    identical: a.hash === b.hash,
    lists,
    fields: [...fields],
    escalation: [
      ...escalation.added.map((id) => ({ id, fields: ["added"] })),
      ...escalation.removed.map((id) => ({ id, fields: ["removed"] })),
      ...escalation.changed,
    ],
    audiences: hasChange(audiences) ? audiences : null,
    summary,
    unified: createTwoFilesPatch(name(a), name(b), `${a.source}\n`, `${b.source}\n`, "", "", {
      context: 3,
    }),
    stats: { added_lines: added, removed_lines: removed },
  };
}
