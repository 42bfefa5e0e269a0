/**
 * Queries that would be syntax if passed to FTS5 or to_tsquery as typed: the search must read
 * each as text (an answer) or refuse it as a bad query (400), never fail (500).
 */
export const HOSTILE_SEARCH_QUERIES = [
  '"',
  '""',
  '"unterminated phrase',
  "*",
  "a*b*",
  "NEAR(",
  "NEAR(a b, 3)",
  "a AND OR NOT b",
  "-",
  "-a",
  ":",
  "text:evil",
  "col:*",
  "a | b & !c <-> d",
  "'",
  "' or 1=1 --",
  "(((",
  ")",
  "^a",
  "{a b}",
  "\\",
  "\u0000",
  "x".repeat(500),
  "é ü ß 漢字 🙂",
  "a ".repeat(40),
];
