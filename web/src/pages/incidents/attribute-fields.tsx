import type { AttributeDefinition, PlanBody } from "../../api/documents";
import { attributeLabel } from "../../lib/labels";

/** Attribute values as typed: text for lists ("a, b"), so a half-typed list is not lost. */
export type AttributeDraft = Record<string, string | boolean>;

/** The draft's values in the types the plan declares; empty ones left out. */
export function attributeValues(
  definitions: AttributeDefinition[],
  draft: AttributeDraft,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const def of definitions) {
    const v = draft[def.id];
    if (v === undefined || v === "") continue;
    if (def.type === "boolean") {
      if (v === true) out[def.id] = true;
    } else if (def.type === "number") out[def.id] = Number(v);
    else if (def.type === "string_list")
      out[def.id] = String(v)
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
    else out[def.id] = String(v);
  }
  return out;
}

/** What an incident's attributes are as a draft: lists as "a, b", numbers as text. */
export function attributeDraft(attributes: Record<string, unknown>): AttributeDraft {
  const out: AttributeDraft = {};
  for (const [id, v] of Object.entries(attributes))
    out[id] =
      typeof v === "boolean" ? v : Array.isArray(v) ? v.map(String).join(", ") : String(v ?? "");
  return out;
}

interface Props {
  plan: PlanBody;
  value: AttributeDraft;
  onChange: (value: AttributeDraft) => void;
  /** Under the legend: what the attributes do here. */
  hint: string;
}

/** One input per attribute the plan declares; conditions and obligations read these. */
export function AttributeFields({ plan, value, onChange, hint }: Props) {
  const definitions = plan.attributes;
  if (definitions.length === 0) return null;
  const set = (id: string, v: string | boolean) => onChange({ ...value, [id]: v });
  return (
    <fieldset className="attributes">
      <legend>Attributes</legend>
      <p className="hint">{hint}</p>
      {definitions.map((def) => {
        const id = `attr-${def.id}`;
        if (def.type === "boolean")
          return (
            <div key={def.id} className="field checkbox">
              <input
                id={id}
                type="checkbox"
                checked={value[def.id] === true}
                aria-describedby={`${id}-hint`}
                onChange={(e) => set(def.id, e.target.checked)}
              />
              <label htmlFor={id}>{attributeLabel(plan, def.id)}</label>
              <p id={`${id}-hint`} className="hint">
                {def.description}
              </p>
            </div>
          );
        return (
          <div key={def.id} className="field">
            <label htmlFor={id}>
              {attributeLabel(plan, def.id)}
              {def.type === "string_list" ? " (comma-separated)" : ""}
            </label>
            <input
              id={id}
              type={def.type === "number" ? "number" : "text"}
              value={String(value[def.id] ?? "")}
              aria-describedby={`${id}-hint`}
              onChange={(e) => set(def.id, e.target.value)}
            />
            <p id={`${id}-hint`} className="hint">
              {def.description}
            </p>
          </div>
        );
      })}
    </fieldset>
  );
}
