/**
 * What a search document is of: the kinds of record the index holds (migrations/search-index.ts
 * writes one kind per source), named in answers so a reader sees where a query matched.
 */
export const SEARCH_KINDS = [
  "title",
  "description",
  "task",
  "indicator",
  "evidence",
  "asset",
  "lessons",
  "timeline",
] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];
