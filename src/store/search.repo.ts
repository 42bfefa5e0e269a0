import { type RawBuilder, type SelectQueryBuilder, sql } from "kysely";
import type { IncidentPhase } from "../domain/incident/phase.js";
import type { SearchKind } from "../domain/search/kinds.js";
import { type SearchTerm, WORD } from "../domain/search/query.js";
import type { SearchFilters, SearchIndex } from "../response/search.types.js";
import type { Db } from "./connect.js";
import type { Database } from "./database.js";
import { incidentVisibleTo } from "./visibility.sql.js";

/**
 * How much a match in each kind of document counts: a word in the title says more about what an
 * incident is than the same word in one of its thousands of timeline entries. Multiplies each
 * kind's weight is scaled by the record's length (`score` below).
 */
const KIND_WEIGHTS: Record<SearchKind, number> = {
  title: 4,
  indicator: 3,
  evidence: 3,
  asset: 2.5,
  description: 2,
  task: 1.5,
  lessons: 1.5,
  timeline: 1,
};

const weight = sql.raw(
  `case d.kind ${Object.entries(KIND_WEIGHTS)
    .map(([kind, w]) => `when '${kind}' then ${w}`)
    .join(" ")} else 1 end`,
);

/**
 * The terms in FTS5's query language: each a quoted phrase (its words are letters and digits
 * only, so nothing inside can close the quotes), `*` after a prefix, all of them required, all
 * in the `text` column (not in the incident's id).
 */
export function fts5Query(terms: readonly SearchTerm[]): string {
  return `text : (${terms.map((t) => `"${t.words.join(" ")}"${t.prefix ? "*" : ""}`).join(" AND ")})`;
}

/**
 * The terms, within these incidents only (FTS5's `incident_id` column, migration 0035), which
 * FTS5 intersects with the terms' matches by skipping through them — not by reading every match
 * of a common word. An id is asked by its two longest words (a UUID's first and last groups,
 * 80 bits): a phrase of all five would read the doclists of the short groups too, each shared by
 * hundreds of incidents. A document of another incident that shared both could only come back
 * to be dropped by the join on its own incident.
 */
export function fts5QueryWithin(terms: readonly SearchTerm[], incidentIds: readonly string[]) {
  const ids = incidentIds
    .map((id) => {
      const words = (id.match(WORD) ?? []).sort((a, b) => b.length - a.length).slice(0, 2);
      return `(${words.map((w) => `"${w}"`).join(" AND ")})`;
    })
    .join(" OR ");
  return `${fts5Query(terms)} AND incident_id : (${ids})`;
}

/** The same in PostgreSQL's tsquery: `<->` keeps a phrase's words together, `:*` a prefix. */
export function tsQuery(terms: readonly SearchTerm[]): string {
  return terms
    .map(
      (t) =>
        `(${t.words
          .map((w, i) => `'${w}'${t.prefix && i === t.words.length - 1 ? ":*" : ""}`)
          .join(" <-> ")})`,
    )
    .join(" & ");
}

/**
 * The dialect-neutral relevance of one document (docs/search.md, "Ranking"): the kind's weight,
 * scaled down as the record grows longer — the word in a five-word title says more than the same
 * word in a page of notes. Computed from the row alone, so it costs the same for a word in ten
 * records as for one in two million: FTS5's bm25 first counts every record holding each term
 * (tens of milliseconds for a common word at 100,000 incidents) and then reads each candidate's
 * size. The same formula on both databases ranks the same history the same way.
 */
const score = sql<number>`(${weight}) * 64.0 / (64 + length(d.text))`;

/**
 * Ranked window: the search reads matching documents newest first, in rounds; the rounds that
 * bring the documents of kept incidents (visible, filters met) to this many are ranked by
 * relevance, and incidents found only in later rounds (a page far down) follow, newest match
 * first, unranked. It bounds the cost of a word found in millions of records to that of a word
 * found in a few hundred: for such a word "ranked" means the best of its most recent mentions.
 */
const RANKED_DOCUMENTS = 100;
/** The first round's documents: the window in one round when few are filtered out. */
const FIRST_ROUND = 125;
/** The most documents one round reads (each later round is sized from the share kept so far). */
const LAST_ROUND = 16_000;
/**
 * A filter that keeps at most this many incidents is applied first: the search reads only the
 * documents of those incidents instead of walking back through every match.
 */
const FILTERED_FIRST_MAX = 2000;
/** A tag carried by more incidents than this is checked incident by incident instead. */
const TAGGED_FIRST_MAX = 10_000;
/** The filters are applied first when fewer than one matching document in this many survives. */
const NARROW_BELOW = 20;
/**
 * Where a round looks: every document (undefined), or only those of the incidents a selective
 * filter keeps — FTS5 through their ids in its index, PostgreSQL through its index on the
 * incident.
 */
type Scope = string[] | undefined;

/** The ids of the documents in scope matching the terms, below `before`, newest first, n at most. */
async function matchingIds(
  db: Db,
  terms: readonly SearchTerm[],
  scope: Scope,
  before: number,
  n: number,
): Promise<number[]> {
  let query: RawBuilder<{ id: number | string }>;
  if (db.dialect === "sqlite") {
    // FTS5 walks its doclists backwards from `before` and stops after n: no ranking, no reading
    // of the documents themselves.
    query = sql`select rowid as id from search_fts
      where search_fts match ${scope ? fts5QueryWithin(terms, scope) : fts5Query(terms)} and rowid < ${before}
      order by rowid desc limit ${n}`;
  } else {
    const q = sql`to_tsquery('simple', ${tsQuery(terms)})`;
    query = scope
      ? // Materialised: the incidents' documents by their index, then the match checked on
        // them; left to the planner, a common word's whole GIN posting list was read to be
        // intersected with them (tens of milliseconds).
        // Past a few hundred incidents, their documents outnumber a posting list: the planner's.
        sql`with d as ${sql.raw(scope.length <= 300 ? "materialized" : "not materialized")}
            (select id, tsv from search_documents
            where incident_id = any(${scope}::text[]) and id < ${before})
          select id from d where tsv @@ ${q} order by id desc limit ${n}`
      : sql`select id from search_documents where tsv @@ ${q} and id < ${before}
          order by id desc limit ${n}`;
  }
  const { rows } = await query.execute(db.kysely);
  return rows.map((r) => Number(r.id));
}

/** `d.id` is one of `ids`, as one parameter (a round may hold thousands). */
const idIn = (db: Db, ids: readonly number[]) =>
  db.dialect === "sqlite"
    ? sql`d.id in (select value from json_each(${JSON.stringify(ids)}))`
    : sql`d.id = any(${ids}::bigint[])`;

/** The alert `a` carries the tag: its tags are a JSON array of strings, the tag JSON-quoted one of them. */
const tagged = (db: Db, tag: string) =>
  db.dialect === "sqlite"
    ? sql<boolean>`instr(a.tags, ${JSON.stringify(tag)}) > 0`
    : sql<boolean>`strpos(a.tags, ${JSON.stringify(tag)}) > 0`;

/** The full-text index of migration 0030 (migrations/search-index.ts), read. */
export function searchRepo(db: Db): SearchIndex {
  const k = db.kysely;

  /** The incidents the filters and the visibility rule keep, as a where clause on `incidents`. */
  function kept<Q extends SelectQueryBuilder<Database, "incidents", object>>(
    query: Q,
    filters: SearchFilters,
    visibleTo: string | undefined,
  ): Q {
    // biome-ignore lint/suspicious/noExplicitAny: the where clauses keep the builder's own type
    let q = query as SelectQueryBuilder<Database, "incidents", any>;
    if (!filters.exercise) q = q.where("incidents.exercise", "=", 0);
    if (filters.type !== undefined) q = q.where("incidents.type", "=", filters.type);
    if (filters.severity !== undefined) q = q.where("incidents.severity", "=", filters.severity);
    if (filters.phase !== undefined) q = q.where("incidents.phase", "=", filters.phase);
    if (filters.since !== undefined) q = q.where("incidents.declared_at", ">=", filters.since);
    if (filters.until !== undefined) q = q.where("incidents.declared_at", "<", filters.until);
    const tag = filters.tag;
    if (tag !== undefined)
      q = q.where((eb) =>
        eb.or([
          eb.exists(
            eb
              .selectFrom("indicator_tags as t")
              .innerJoin("indicators as i", "i.id", "t.indicator_id")
              .select("t.tag")
              .whereRef("i.incident_id", "=", "incidents.id")
              .where("t.tag", "=", tag),
          ),
          eb.exists(
            eb
              .selectFrom("alerts as a")
              .select("a.id")
              .whereRef("a.incident_id", "=", "incidents.id")
              .where(tagged(db, tag)),
          ),
        ]),
      );
    if (visibleTo !== undefined) q = q.where(incidentVisibleTo(visibleTo));
    return q as Q;
  }

  /**
   * The incidents a selective filter keeps, or undefined when it keeps too many for reading only
   * their documents to pay (or no filter narrows the search).
   */
  async function filteredScope(
    filters: SearchFilters,
    visibleTo: string | undefined,
  ): Promise<Scope> {
    const { exercise: _, ...narrowing } = filters;
    if (Object.values(narrowing).every((v) => v === undefined)) return undefined;
    let q = kept(
      k.selectFrom("incidents").select("incidents.id"),
      { ...filters, tag: undefined },
      visibleTo,
    );
    // The tag's incidents first, found from the tag (its index, migration 0035) and the alerts
    // linked to incidents: asked of every incident in turn, the tag cost a pass over all of them.
    const tag = filters.tag;
    if (tag !== undefined) {
      const withTag = await k
        .selectFrom("indicator_tags as t")
        .innerJoin("indicators as i", "i.id", "t.indicator_id")
        .select("i.incident_id")
        .where("t.tag", "=", tag)
        .union(
          k
            .selectFrom("alerts as a")
            .select((eb) => eb.ref("a.incident_id").$notNull().as("incident_id"))
            .where("a.incident_id", "is not", null)
            .where(tagged(db, tag)),
        )
        .limit(TAGGED_FIRST_MAX + 1)
        .execute();
      if (withTag.length > TAGGED_FIRST_MAX) return undefined;
      if (withTag.length === 0) return [];
      q = q.where(
        "incidents.id",
        "in",
        withTag.map((r) => r.incident_id as string),
      );
    }
    const ids = (await q.limit(FILTERED_FIRST_MAX + 1).execute()).map((r) => r.id);
    return ids.length > FILTERED_FIRST_MAX ? undefined : ids;
  }

  return {
    async incidents(terms, filters, { limit, offset, visibleTo }) {
      const wanted = offset + limit;
      /** Incidents in the order found (newest matching document first), with their best score. */
      const found = new Map<string, { score: number; declared_at: string; ranked: boolean }>();
      let ranked = 0;
      let examined = 0;
      let survived = 0;
      let scope: Scope;
      let narrowed = false;
      let exhausted = false;
      let before = Number.MAX_SAFE_INTEGER;
      let n = FIRST_ROUND;
      while (!exhausted && (ranked < RANKED_DOCUMENTS || found.size < wanted)) {
        const ids = await matchingIds(db, terms, scope, before, n);
        exhausted = ids.length < n;
        before = ids.at(-1) ?? before;
        examined += ids.length;
        if (ids.length === 0) break;
        // Per incident first (its best score, its newest document, how many): an incident is
        // read once per round, not once per matching record.
        const perIncident = sql<{
          incident_id: string;
          score: number;
          newest: number;
          documents: number;
        }>`(select d.incident_id, max(${score}) as score, max(d.id) as newest,
              count(*) as documents
            from search_documents d where ${idIn(db, ids)} group by d.incident_id)`.as("h");
        const rows = await kept(
          k
            .selectFrom(perIncident)
            .innerJoin("incidents", "incidents.id", "h.incident_id")
            .select([
              "h.incident_id",
              "h.score",
              "h.newest",
              "h.documents",
              "incidents.declared_at",
            ]),
          filters,
          visibleTo,
        ).execute();
        // Incidents in the order of their newest matching document; a round is ranked whole.
        rows.sort((a, b) => Number(b.newest) - Number(a.newest));
        const inWindow = ranked < RANKED_DOCUMENTS;
        for (const r of rows) {
          survived += Number(r.documents);
          const seen = found.get(r.incident_id);
          if (!seen)
            found.set(r.incident_id, {
              score: inWindow ? Number(r.score) : 0,
              declared_at: r.declared_at,
              ranked: inWindow,
            });
          else if (inWindow) seen.score = Math.max(seen.score, Number(r.score));
        }
        if (inWindow) ranked = survived;
        // The next round: enough documents to fill what is missing at the share kept so far,
        // at most eight times this one.
        const missing = Math.max(RANKED_DOCUMENTS - ranked, wanted - found.size, 1);
        const share = Math.max(survived, 1) / Math.max(examined, 1);
        n = Math.min(LAST_ROUND, n * 8, Math.max(FIRST_ROUND, Math.ceil((1.25 * missing) / share)));
        // The filters drop most of what the index matches: read only the kept incidents'
        // documents from here on (the same documents survive, in the same order, sooner).
        if (!narrowed && !exhausted && survived * NARROW_BELOW < examined) {
          narrowed = true;
          scope = await filteredScope(filters, visibleTo);
          if (scope?.length === 0) exhausted = true;
        }
      }
      // The window's incidents by relevance, ties to the newest; then the rest as found.
      const order = [...found.entries()];
      const window = order.filter(([, f]) => f.ranked);
      window.sort(
        ([ai, a], [bi, b]) =>
          b.score - a.score || b.declared_at.localeCompare(a.declared_at) || ai.localeCompare(bi),
      );
      const page = [...window, ...order.filter(([, f]) => !f.ranked)].slice(offset, wanted);
      if (page.length === 0) return [];
      const rows = await k
        .selectFrom("incidents")
        .select([
          "incidents.id",
          "incidents.human_id",
          "incidents.title",
          "incidents.type",
          "incidents.severity",
          "incidents.phase",
          "incidents.declared_at",
          "incidents.restricted",
        ])
        .where(
          "incidents.id",
          "in",
          page.map(([id]) => id),
        )
        .execute();
      const byId = new Map(rows.map((r) => [r.id, r]));
      return page.flatMap(([id, f]) => {
        const r = byId.get(id);
        return r
          ? [
              {
                ...r,
                phase: r.phase as IncidentPhase,
                restricted: Boolean(r.restricted),
                score: f.score,
              },
            ]
          : [];
      });
    },

    async hits(terms, incidentIds, perIncident) {
      if (incidentIds.length === 0) return [];
      // Only the page's incidents' documents are read: FTS5 keeps the match to them itself;
      // PostgreSQL reads them by incident (its index) and checks the match on those rows.
      const matched =
        db.dialect === "sqlite"
          ? sql`select d.id, d.incident_id, d.kind, d.ref, d.text, ${score} as score
              from search_fts f join search_documents d on d.id = f.rowid
              where search_fts match ${fts5QueryWithin(terms, incidentIds)}`
          : // Materialised for the same reason as a round within incidents (matchingIds).
            sql`with d as materialized (select * from search_documents
                where incident_id in (${sql.join(incidentIds)}))
              select d.id, d.incident_id, d.kind, d.ref, d.text, ${score} as score
              from d where d.tsv @@ to_tsquery('simple', ${tsQuery(terms)})`;
      const { rows } = await sql<{
        incident_id: string;
        kind: SearchKind;
        ref: string;
        text: string;
        score: number;
      }>`
        select r.incident_id, r.kind, r.ref, r.text, r.score from (
          select m.*, row_number() over
            (partition by m.incident_id order by m.score desc, m.id) as n
          from (${matched}) m) r
        where r.n <= ${perIncident}
        order by r.score desc, r.id`.execute(k);
      return rows.map((r) => ({ ...r, score: Number(r.score) }));
    },
  };
}
