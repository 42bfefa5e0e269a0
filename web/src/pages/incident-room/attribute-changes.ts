import type { AttributeDefinition } from "../../api/documents";
import { type AttributeDraft, attributeValues } from "../incidents/attribute-fields";

/**
 * The attributes the draft changes, typed as the plan declares them. An unticked box that was
 * ticked is sent as false; an emptied number stays as it was (the API cannot remove a value).
 */
export function changedAttributes(
  definitions: AttributeDefinition[],
  current: Record<string, unknown>,
  draft: AttributeDraft,
): Record<string, unknown> {
  const typed = attributeValues(definitions, draft);
  const out: Record<string, unknown> = {};
  for (const def of definitions) {
    const was = current[def.id];
    const now =
      def.type === "boolean"
        ? draft[def.id] === true
        : def.type === "string"
          ? String(draft[def.id] ?? "")
          : def.type === "string_list"
            ? (typed[def.id] ?? [])
            : typed[def.id];
    // Nothing said before and nothing said now (unticked, empty) is no change.
    const blank =
      now === undefined || now === false || now === "" || (Array.isArray(now) && now.length === 0);
    if (now === undefined || (was === undefined && blank)) continue;
    if (JSON.stringify(now) !== JSON.stringify(was)) out[def.id] = now;
  }
  return out;
}
