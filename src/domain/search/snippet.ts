import { type SearchTerm, WORD } from "./query.js";

/** A piece of a snippet: text as stored, and whether it is a word the query matched. */
export interface SnippetPart {
  text: string;
  match: boolean;
}

/** How much text a snippet shows around the first matched word. */
const BEFORE = 60;
const AFTER = 160;

/**
 * The passage of a document around the first word the query matched, cut into parts so that a
 * reader can highlight matches without any markup in the text (nothing to escape, nothing to
 * inject). Computed here rather than by the databases, so both dialects show the same snippet.
 */
export function snippet(text: string, terms: readonly SearchTerm[]): SnippetPart[] {
  const exact = new Set(terms.flatMap((t) => (t.prefix ? t.words.slice(0, -1) : t.words)));
  const prefixes = terms.flatMap((t) => (t.prefix ? [t.words.at(-1) as string] : []));
  const matches = (word: string) => {
    const w = word.toLowerCase();
    return exact.has(w) || prefixes.some((p) => w.startsWith(p));
  };
  const words = [...text.matchAll(WORD)].filter((m) => matches(m[0]));
  const first = words[0]?.index ?? 0;
  const start = first <= BEFORE ? 0 : cutAfterSpace(text, first - BEFORE);
  const end = Math.min(text.length, cutBeforeSpace(text, first + AFTER));
  const parts: SnippetPart[] = start > 0 ? [{ text: "…", match: false }] : [];
  let at = start;
  for (const m of words) {
    const from = m.index as number;
    const to = from + m[0].length;
    if (from < start || to > end) continue;
    if (from > at) parts.push({ text: text.slice(at, from), match: false });
    parts.push({ text: m[0], match: true });
    at = to;
  }
  if (end > at) parts.push({ text: text.slice(at, end), match: false });
  if (end < text.length) parts.push({ text: "…", match: false });
  return parts;
}

/** The start of the first whole word at or after `i`. */
function cutAfterSpace(text: string, i: number): number {
  const space = text.indexOf(" ", i);
  return space === -1 || space > i + 20 ? i : space + 1;
}

/** The end of the last whole word at or before `i`. */
function cutBeforeSpace(text: string, i: number): number {
  if (i >= text.length) return text.length;
  const space = text.lastIndexOf(" ", i);
  return space === -1 || space < i - 20 ? i : space;
}
