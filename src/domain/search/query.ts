import { invalidInput } from "../errors.js";
import { refang } from "../incident/indicator.js";
import { MAX_QUERY_LENGTH } from "./limits.js";

/**
 * What a person types into the search box, read into terms both databases can match
 * (docs/search.md). Nothing typed is ever passed to FTS5 or to_tsquery as syntax: a term is only
 * ever a list of words made of letters and digits, which each store writes into its own query
 * language — so `"`, `*`, `NEAR(`, `-`, `:` or `!` in the input are text, never an operator.
 *
 * - words are separated by spaces, and every term must match (AND);
 * - `"a phrase"` keeps its words together and in order;
 * - a term that is itself several words joined by punctuation (`evil.com`, `10.0.0.1`,
 *   `C:\Temp\x.exe`, an e-mail address) is a phrase of those words — the exact value matches;
 * - a trailing `*` makes the last word a prefix (`ransom*`);
 * - defanged forms are read refanged (`hxxp://evil[.]com` is `http://evil.com`).
 */

/** One term: its words, in order, and whether the last one is a prefix. */
export interface SearchTerm {
  words: string[];
  prefix: boolean;
}

const MAX_TERMS = 16;
const MAX_WORDS_PER_TERM = 32;

/** A word, as the index splits text (FTS5's unicode61; the PostgreSQL column does the same). */
export const WORD = /[\p{L}\p{N}]+/gu;

/** Defanged schemes that survive refang() inside a phrase (it reads them at a value's start). */
const SCHEMES: Record<string, string> = { hxxp: "http", hxxps: "https", fxp: "ftp" };

export function parseSearchQuery(input: string): SearchTerm[] {
  if (input.length > MAX_QUERY_LENGTH)
    throw invalidInput(`a search query is at most ${MAX_QUERY_LENGTH} characters`, [
      { message: "too long", path: "q" },
    ]);
  const terms: SearchTerm[] = [];
  // A quoted phrase (its closing quote optional) or a run of anything but spaces.
  for (const [, quoted, bare] of input.matchAll(/"([^"]*)"?|(\S+)/g)) {
    const text = quoted ?? bare ?? "";
    const words = (refang(text).toLowerCase().match(WORD) ?? []).map((w) => SCHEMES[w] ?? w);
    if (words.length === 0) continue;
    if (words.length > MAX_WORDS_PER_TERM || terms.length === MAX_TERMS)
      throw invalidInput(
        `a search query has at most ${MAX_TERMS} terms of at most ${MAX_WORDS_PER_TERM} words`,
        [{ message: "too many words", path: "q" }],
      );
    terms.push({ words, prefix: bare?.endsWith("*") === true });
  }
  if (terms.length === 0)
    throw invalidInput("give at least one word to search for (letters or digits)", [
      { message: "no words to search for", path: "q" },
    ]);
  return terms;
}
