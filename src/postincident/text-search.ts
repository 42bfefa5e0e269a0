/**
 * Tokenised text scoring for "has this happened before?": good enough for a few thousand
 * reviews and analyses, with no search engine to run. Pure; the store pre-filters with LIKE.
 */

const STOPWORDS = new Set(
  "a an and are as at be been but by can did do does for from had has have how in into is it its of on or our so that the their then there these this to was we were what when where which who why will with".split(
    " ",
  ),
);

const SUFFIXES = ["ations", "ation", "ions", "ion", "ings", "ing", "edly", "ed", "es", "s", "ly"];

/** A light suffix-stripping stem: "encrypted" and "encryption" both become "encrypt". */
export function stem(word: string): string {
  for (const s of SUFFIXES)
    if (word.endsWith(s) && word.length - s.length >= 4) return word.slice(0, -s.length);
  return word;
}

/** Lower-case word stems of a text, without stopwords and one-letter words. */
export function terms(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+(?:[.\-'][\p{L}\p{N}]+)*/gu) ?? [];
  return words.filter((w) => w.length > 1 && !STOPWORDS.has(w)).map(stem);
}

/** The distinct query terms, in the order given. */
export const queryTerms = (q: string) => [...new Set(terms(q))];

export interface Scorable {
  fields: { text: string; weight: number }[];
}

export interface Scored<T> {
  item: T;
  score: number;
  snippet: string;
}

function snippetOf(text: string, term: string, width = 160): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const at = flat.toLowerCase().indexOf(term);
  if (at < 0 || flat.length <= width) return flat.slice(0, width);
  const start = Math.max(0, Math.min(at - Math.floor(width / 3), flat.length - width));
  return `${start > 0 ? "…" : ""}${flat.slice(start, start + width)}${start + width < flat.length ? "…" : ""}`;
}

/**
 * Scores each item: for every query term found in a field, the field's weight × (1 + ln of how
 * often it occurs) × the term's rarity among the items (idf); then scaled by the share of query
 * terms matched (squared, so matching all terms beats matching one a lot), plus a bonus when the
 * whole query occurs as written. Items matching nothing are dropped; best first.
 */
export function scoreItems<T extends Scorable>(items: readonly T[], q: string): Scored<T>[] {
  const qs = queryTerms(q);
  if (qs.length === 0) return [];
  const phrase = q.trim().toLowerCase();
  const tokenised = items.map((it) => it.fields.map((f) => ({ ...f, terms: terms(f.text) })));
  const df = new Map(qs.map((t) => [t, 0]));
  for (const fields of tokenised)
    for (const t of qs)
      if (fields.some((f) => f.terms.some((w) => w.startsWith(t)))) df.set(t, (df.get(t) ?? 0) + 1);
  const n = items.length;
  const out: Scored<T>[] = [];
  tokenised.forEach((fields, i) => {
    let score = 0;
    let matched = 0;
    let best: { text: string; term: string; s: number } | undefined;
    for (const t of qs) {
      const idf = Math.log(1 + n / Math.max(1, df.get(t) ?? 0));
      let termScore = 0;
      for (const f of fields) {
        const hits = f.terms.filter((w) => w === t || w.startsWith(t)).length;
        if (hits === 0) continue;
        const s = f.weight * (1 + Math.log(hits)) * idf;
        termScore += s;
        if (!best || s > best.s) best = { text: f.text, term: t, s };
      }
      if (termScore > 0) matched++;
      score += termScore;
    }
    if (matched === 0) return;
    score *= (matched / qs.length) ** 2;
    if (phrase.includes(" "))
      for (const f of fields) if (f.text.toLowerCase().includes(phrase)) score += 2 * f.weight;
    const item = items[i] as T;
    out.push({
      item,
      score: Math.round(score * 1000) / 1000,
      snippet: best ? snippetOf(best.text, best.term) : "",
    });
  });
  return out.sort((a, b) => b.score - a.score);
}
