/**
 * The plan's status-update templates use `{{incident.title}}`-style placeholders. This is a
 * deliberately tiny renderer: a placeholder is a dotted name between double braces, looked up in
 * a flat map of strings. There are no expressions, filters, loops or code of any kind, so a plan
 * (which anyone who can upload documents controls) can never run anything on the server.
 */

/** The placeholders a status-update template may use. */
export const TEMPLATE_PLACEHOLDERS = [
  "incident.id",
  "incident.title",
  "incident.severity",
  "incident.phase",
  "incident.commander",
  "incident.declared_at",
  "update.summary",
  "update.impact",
  "update.actions",
  "update.blockers",
  "update.decisions",
  "update.obligations",
  "update.next_update",
] as const;

export type TemplatePlaceholder = (typeof TEMPLATE_PLACEHOLDERS)[number];

const KNOWN: ReadonlySet<string> = new Set(TEMPLATE_PLACEHOLDERS);

// `{{ name }}` with optional spaces; names are letters, digits, `_` and dots.
const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)\s*\}\}/g;

export interface Rendered {
  text: string;
  /** Placeholders that had no value and were rendered empty, in order of appearance. */
  missing: string[];
}

/**
 * Replaces each `{{name}}` with `values[name]`. A name without a value renders as the empty
 * string and is listed in `missing`; text that only looks like a placeholder (`{{ 1 + 1 }}`) is
 * left as written.
 */
export function renderPlaceholders(
  template: string,
  values: Readonly<Record<string, string | null | undefined>>,
): Rendered {
  const missing: string[] = [];
  const text = template.replace(PLACEHOLDER, (_, name: string) => {
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    if (value === undefined || value === null) {
      if (!missing.includes(name)) missing.push(name);
      return "";
    }
    return value;
  });
  return { text, missing };
}

/** The placeholders a template uses that the renderer will never fill (for plan lint). */
export function unknownPlaceholders(template: string): string[] {
  const unknown: string[] = [];
  for (const m of template.matchAll(PLACEHOLDER)) {
    const name = m[1] as string;
    if (!KNOWN.has(name) && !unknown.includes(name)) unknown.push(name);
  }
  return unknown;
}
