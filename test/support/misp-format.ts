import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { Ajv } from "ajv";

/**
 * A checker of MISP events built from MISP's own format description
 * (../shared/reference/misp-core-format/raw.md): the JSON Schema it ends with, and the MUST rules
 * of its prose that the schema leaves out — required fields, the category–type table, distribution
 * levels, unsigned-integer ids, dates and timestamps. Everything is read from the document; none
 * of it is copied here. Absent when ../shared is not beside the checkout: tests skip then.
 */
export const MISP_FORMAT = resolve(
  import.meta.dirname,
  "../../../shared/reference/misp-core-format/raw.md",
);

export const mispFormatPresent = () => existsSync(MISP_FORMAT);

/** The text between a heading line and the next heading of the same or a higher level. */
function section(doc: string, heading: string): string {
  const lines = doc.split("\n");
  const start = lines.findIndex((l) => l.trim() === heading);
  if (start < 0) throw new Error(`raw.md has no '${heading}'`);
  const level = heading.indexOf(" ");
  const end = lines.findIndex(
    (l, i) =>
      i > start &&
      /^#+ /.test(l) &&
      l.indexOf(" ") <= level &&
      !l.startsWith("#".repeat(level + 1)),
  );
  return lines.slice(start + 1, end < 0 ? undefined : end).join("\n");
}

/** The fields a section's "#### name" subsections say MUST (or SHALL) be present. */
function requiredFields(part: string): string[] {
  return [...part.matchAll(/^#### (.+)\n([\s\S]*?)(?=^#{2,4} |$(?![\s\S]))/gm)].flatMap(
    ([, name, body]) =>
      /\*\*(MUST|SHALL)\*\* be present/.test(body ?? "")
        ? [(name ?? "").replace(/\\_/g, "_").trim()]
        : [],
  );
}

/** The category → types table of "#### type" (a definition list). */
function categoryTypes(doc: string): Map<string, Set<string>> {
  const list =
    section(doc, "#### type").split(
      "The list of valid category-type combinations is as follows:",
    )[1] ?? "";
  const table = new Map<string, Set<string>>();
  for (const [, category, types] of list.matchAll(/^([A-Z][^\n]*)\n:\s+([^\n]+)$/gm))
    table.set((category ?? "").trim(), new Set((types ?? "").split(/,\s*/).map((t) => t.trim())));
  return table;
}

/** The numbered options a field's section lists (`0\n:   Your Organisation Only`). */
function options(part: string, heading: string): Set<string> {
  return new Set([...section(part, heading).matchAll(/^(\d+):?\n:/gm)].map((m) => m[1] as string));
}

export interface MispChecker {
  (document: unknown): string[];
  /** The category–type table read from the document, for tests that want to look. */
  categories: Map<string, Set<string>>;
}

export function mispChecker(): MispChecker {
  const doc = readFileSync(MISP_FORMAT, "utf8");
  const schemaText = /~~~~\n(\{[\s\S]*?\})\n~~~~/.exec(section(doc, "# JSON Schema"))?.[1];
  if (!schemaText) throw new Error("raw.md has no JSON Schema block");
  // A draft-04 schema: its `id` is what later drafts (and ajv) call `$id`.
  const { $schema: _draft, id, ...rest } = JSON.parse(schemaText);
  const schema = { $id: id, ...rest };
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(schema);

  const eventPart = section(doc, "### Event Attributes");
  const eventRequired = requiredFields(eventPart);
  const attributePart = section(doc, "### Attribute Attributes");
  const attributeRequired = requiredFields(attributePart);
  const categories = categoryTypes(doc);
  // "distribution" appears under both Event and Attribute: each is read from its own part.
  const eventDistribution = options(eventPart, "#### distribution");
  const attributeDistribution = options(attributePart, "#### distribution");
  const threatLevels = options(doc, "#### threat\\_level\\_id");
  const analyses = options(doc, "#### analysis");

  const check: MispChecker = ((document: unknown) => {
    const problems: string[] = [];
    if (!validate(document))
      for (const e of validate.errors ?? [])
        problems.push(`schema: ${e.instancePath} ${e.message}`);
    const event = (document as { Event?: Record<string, unknown> }).Event ?? {};
    for (const f of eventRequired) if (!(f in event)) problems.push(`Event: ${f} must be present`);
    const unsigned = (v: unknown) => typeof v === "string" && /^\d+$/.test(v);
    for (const f of ["id", "org_id", "orgc_id", "attribute_count"])
      if (f in event && !unsigned(event[f])) problems.push(`Event.${f} is an unsigned integer`);
    for (const f of ["timestamp", "publish_timestamp", "first_publication"])
      if (f in event && !unsigned(event[f])) problems.push(`Event.${f} is seconds since 1970`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(String(event.date))) problems.push("Event.date is YYYY-MM-DD");
    if (!eventDistribution.has(String(event.distribution))) problems.push("Event.distribution");
    if (!threatLevels.has(String(event.threat_level_id))) problems.push("Event.threat_level_id");
    if (!analyses.has(String(event.analysis))) problems.push("Event.analysis");
    if (event.distribution !== "4" && event.sharing_group_id !== "0")
      problems.push("Event.sharing_group_id must be 0 unless distribution is 4");
    if (
      event.published === false &&
      event.publish_timestamp !== "0" &&
      event.first_publication !== "0"
    )
      problems.push("an unpublished event never published has publish_timestamp 0");
    for (const org of ["Org", "Orgc"]) {
      const o = (event[org] ?? {}) as Record<string, unknown>;
      for (const f of ["uuid", "name", "id"])
        if (typeof o[f] !== "string") problems.push(`Event.${org}.${f} must be present`);
    }
    const tags = [
      ...((event.Tag as unknown[]) ?? []),
      ...((event.Attribute as { Tag?: unknown[] }[]) ?? []).flatMap((a) => a.Tag ?? []),
    ];
    for (const t of tags)
      if (typeof (t as { name?: unknown }).name !== "string") problems.push("a Tag has a name");
    const attributes = (event.Attribute as Record<string, unknown>[]) ?? [];
    if (String(attributes.length) !== event.attribute_count) problems.push("Event.attribute_count");
    attributes.forEach((a, i) => {
      const where = `Attribute[${i}] (${String(a.type)} ${String(a.value)})`;
      for (const f of attributeRequired)
        if (!(f in a)) problems.push(`${where}: ${f} must be present`);
      const types = categories.get(String(a.category));
      if (!types) problems.push(`${where}: unknown category ${String(a.category)}`);
      else if (!types.has(String(a.type)))
        problems.push(`${where}: type not valid for category ${String(a.category)}`);
      if (typeof a.to_ids !== "boolean") problems.push(`${where}: to_ids is a boolean`);
      if (!attributeDistribution.has(String(a.distribution)))
        problems.push(`${where}: distribution`);
      if (a.distribution !== "4" && a.sharing_group_id !== undefined && a.sharing_group_id !== "0")
        problems.push(`${where}: sharing_group_id must be 0 unless distribution is 4`);
      if (!unsigned(a.timestamp)) problems.push(`${where}: timestamp is seconds since 1970`);
    });
    return problems;
  }) as MispChecker;
  check.categories = categories;
  return check;
}
