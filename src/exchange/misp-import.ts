import type { Actor } from "../domain/actor.js";
import { invalidInput } from "../domain/errors.js";
import { validateIndicator } from "../domain/incident/indicator.js";
import type { ResponseDeps } from "../response/deps.js";
import { getIncident } from "../response/incident.service.js";
import { type AddedIndicator, addIndicators } from "../response/indicator.service.js";
import type { TaggedIndicator } from "./dossier.js";
import type { IndicatorTagStore } from "./exchange.types.js";
import { indicatorsOfMisp } from "./misp-types.js";

/**
 * A MISP event's attributes as indicators on an incident (docs/exchange.md): each attribute whose
 * type Firebreak has, with a valid value, becomes an indicator carrying the event's tags and its
 * own; every other attribute is skipped with its reason and costs only itself. Importing the
 * same event again adds nothing twice (indicators are unique per incident) but repairs missing
 * tags, so a retry after a failure is always safe.
 */

export interface MispImportDeps extends ResponseDeps {
  indicatorTags: Pick<IndicatorTagStore, "add">;
}

export interface SkippedAttribute {
  /** The attribute's uuid, or its place in the event (`Attribute[3]`). */
  attribute: string;
  type: string;
  value: string;
  reason: string;
}

export interface MispImport {
  event: { uuid: string | null; info: string | null };
  imported: (TaggedIndicator & { created: boolean })[];
  skipped: SkippedAttribute[];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const text = (v: unknown): string | null => (typeof v === "string" ? v : null);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Longer tag names are not kept (MISP's own tag names stay far below it). */
const MAX_TAG = 255;

/** The tag names of a `Tag` array (MISP tags are objects with a name). */
const tagNames = (owner: Json): string[] =>
  list(owner.Tag).flatMap((t) => {
    const name = isObject(t) ? text(t.name)?.trim() : undefined;
    return name && name.length <= MAX_TAG ? [name] : [];
  });

/** The event of a document: `{ "Event": {…} }` as MISP exports it, or the bare event. */
function eventOf(document: unknown): Json {
  const event = isObject(document) && isObject(document.Event) ? document.Event : document;
  if (!isObject(event) || !("Attribute" in event || "Object" in event || "info" in event))
    throw invalidInput('not a MISP event: expected { "Event": { "info", "Attribute": [ … ] } }');
  return event;
}

/** Every attribute of the event, its objects' included, with where it sits. */
function attributesOf(event: Json): { where: string; attribute: unknown }[] {
  return [
    ...list(event.Attribute).map((attribute, i) => ({ where: `Attribute[${i}]`, attribute })),
    ...list(event.Object).flatMap((object, o) =>
      isObject(object)
        ? list(object.Attribute).map((attribute, i) => ({
            where: `Object[${o}].Attribute[${i}]`,
            attribute,
          }))
        : [],
    ),
  ];
}

interface Candidate {
  type: string;
  value: string;
  description: string;
  tags: string[];
}

/** Reads the event into valid indicator candidates and skipped attributes. */
export function readMispEvent(document: unknown): {
  event: MispImport["event"];
  candidates: Candidate[];
  skipped: SkippedAttribute[];
} {
  const event = eventOf(document);
  const info = text(event.info);
  const eventTags = tagNames(event);
  const candidates: Candidate[] = [];
  const skipped: SkippedAttribute[] = [];
  for (const { where, attribute } of attributesOf(event)) {
    const a = isObject(attribute) ? attribute : {};
    const id = text(a.uuid) ?? where;
    const type = text(a.type) ?? "";
    const value = text(a.value) ?? "";
    const skip = (reason: string) => skipped.push({ attribute: id, type, value, reason });
    if (!isObject(attribute)) skip("an attribute is a JSON object");
    else if (!type || !text(a.value)) skip("an attribute has a type and a value (text)");
    else if (a.deleted === true) skip("the attribute is deleted (revoked) in MISP");
    else {
      const read = indicatorsOfMisp(type, value);
      if (!read.ok) skip(read.reason);
      else
        for (const item of read.items) {
          const verdict = validateIndicator(item.type, item.value);
          if (!verdict.ok) skip(`as ${item.type}: ${verdict.reason}`);
          else
            candidates.push({
              type: item.type,
              value: verdict.value,
              description: (text(a.comment)?.trim() || (info ? `MISP event: ${info}` : "")).slice(
                0,
                2000,
              ),
              tags: [...new Set([...eventTags, ...tagNames(a)])],
            });
        }
    }
  }
  return { event: { uuid: text(event.uuid), info }, candidates, skipped };
}

/** Imports a MISP event document onto the incident (by id or human id). */
export async function importMispEvent(
  deps: MispImportDeps,
  ref: string,
  document: unknown,
  actor: Actor,
  expectedVersion?: number,
): Promise<MispImport> {
  const { event, candidates, skipped } = readMispEvent(document);
  if (candidates.length === 0) {
    await getIncident(deps, ref, actor); // the incident must exist and be visible all the same
    return { event, imported: [], skipped };
  }
  const added: AddedIndicator[] = await addIndicators(
    deps,
    ref,
    candidates,
    actor,
    expectedVersion,
  );
  // Two attributes may be one indicator (an ip-dst and a domain|ip): their tags are merged.
  const tagsOf = new Map<string, Set<string>>();
  added.forEach(({ indicator }, i) => {
    const tags = tagsOf.get(indicator.id) ?? new Set<string>();
    for (const t of (candidates[i] as Candidate).tags) tags.add(t);
    tagsOf.set(indicator.id, tags);
  });
  await deps.indicatorTags.add(
    [...tagsOf].flatMap(([indicator_id, tags]) => [...tags].map((tag) => ({ indicator_id, tag }))),
  );
  const seen = new Set<string>();
  const imported = added.flatMap(({ indicator, created }) => {
    if (seen.has(indicator.id)) return [];
    seen.add(indicator.id);
    return [{ ...indicator, tags: [...(tagsOf.get(indicator.id) ?? [])].sort(), created }];
  });
  return { event, imported, skipped };
}
