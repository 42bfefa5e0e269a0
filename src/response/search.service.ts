import { visibleTo } from "../auth/incident-visibility.js";
import type { Actor } from "../domain/actor.js";
import { decodeSeqCursor, encodeSeqCursor } from "../domain/cursor.js";
import { invalidInput } from "../domain/errors.js";
import type { SearchKind } from "../domain/search/kinds.js";
import { MAX_SEARCH_LIMIT } from "../domain/search/limits.js";
import { parseSearchQuery } from "../domain/search/query.js";
import { type SnippetPart, snippet } from "../domain/search/snippet.js";
import type { SearchFilters, SearchIndex, SearchMatch } from "./search.types.js";

/** What a person asks: the text, the filters, and the page. */
export interface SearchQuery extends SearchFilters {
  q: string;
  /** At most 100; 20 when not given. */
  limit?: number;
  /** The previous page's `next_cursor`. */
  cursor?: string;
}

/** Where a query matched in an incident: the record, and the passage with its matched words. */
export interface SearchSnippet {
  kind: SearchKind;
  ref: string;
  parts: SnippetPart[];
}

export interface SearchResult extends SearchMatch {
  /** Its best matching records, best first. */
  snippets: SearchSnippet[];
}

export interface SearchPage {
  items: SearchResult[];
  next_cursor: string | null;
}

/** Snippets shown per incident: enough to see why it matched, few enough to read a page. */
const SNIPPETS_PER_INCIDENT = 3;

/**
 * Full-text search across incidents (docs/search.md): incidents matching every term, best
 * first, each with the passages that matched. Restricted incidents the actor does not take part
 * in are filtered out inside the query, before ranking and paging, so neither a result, a
 * snippet, nor a page's length shows that one matched.
 */
export async function searchIncidents(
  deps: { search: SearchIndex },
  actor: Actor | undefined,
  query: SearchQuery,
): Promise<SearchPage> {
  const terms = parseSearchQuery(query.q);
  const limit = query.limit ?? 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SEARCH_LIMIT)
    throw invalidInput(`limit is a whole number from 1 to ${MAX_SEARCH_LIMIT}`, [
      { message: "out of range", path: "limit" },
    ]);
  // An empty cursor is the first page, as on every paged list.
  const offset = query.cursor ? decodeSeqCursor(query.cursor) : 0;
  const filters: SearchFilters = {
    type: query.type,
    severity: query.severity,
    phase: query.phase,
    tag: query.tag,
    since: utcTime(query.since, "since"),
    until: utcTime(query.until, "until"),
    exercise: query.exercise,
  };
  // One more than the page: whether there is a next page, without counting every match.
  const found = await deps.search.incidents(terms, filters, {
    limit: limit + 1,
    offset,
    visibleTo: visibleTo(actor),
  });
  const page = found.slice(0, limit);
  const hits = await deps.search.hits(
    terms,
    page.map((m) => m.id),
    SNIPPETS_PER_INCIDENT,
  );
  return {
    items: page.map((match) => ({
      ...match,
      snippets: hits
        .filter((h) => h.incident_id === match.id)
        .map((h) => ({ kind: h.kind, ref: h.ref, parts: snippet(h.text, terms) })),
    })),
    next_cursor: found.length > limit ? encodeSeqCursor(offset + limit) : null,
  };
}

/** A time as stored (ISO 8601 UTC with milliseconds: they compare as text), or a 400. */
function utcTime(at: string | undefined, path: string): string | undefined {
  if (at === undefined) return undefined;
  const ms = Date.parse(at);
  if (Number.isNaN(ms))
    throw invalidInput(`${path} is an ISO 8601 time, e.g. 2026-01-31T00:00:00Z`, [
      { message: "not a time", path },
    ]);
  return new Date(ms).toISOString();
}
