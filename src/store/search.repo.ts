import { type RawBuilder, sql } from "kysely";
import type { IncidentPhase } from "../domain/incident/phase.js";
import type { SearchKind } from "../domain/search/kinds.js";
import type { SearchTerm } from "../domain/search/query.js";
import type { SearchIndex } from "../response/search.types.js";
import type { Db } from "./connect.js";
import { incidentVisibleTo } from "./visibility.sql.js";

/**
 * How much a match in each kind of document counts: a word in the title says more about what an
 * incident is than the same word in one of its thousands of timeline entries. Multiplies each
 * dialect's own relevance (FTS5 bm25, PostgreSQL ts_rank), so the order within a kind is theirs.
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
 * only, so nothing inside can close the quotes), `*` after a prefix, all of them required.
 */
export function fts5Query(terms: readonly SearchTerm[]): string {
  return terms.map((t) => `"${t.words.join(" ")}"${t.prefix ? "*" : ""}`).join(" AND ");
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

/** Every document matching the terms: `id` (search_documents.id) and `score`, higher better. */
function matching(db: Db, terms: readonly SearchTerm[]): RawBuilder<unknown> {
  // FTS5's bm25 is lower for better matches; negated, both dialects rank higher-is-better.
  return db.dialect === "sqlite"
    ? // Materialised: flattened into an outer query that groups or windows, bm25() would be
      // called where FTS5 cannot answer it.
      sql`with m as materialized (select rowid as id, bm25(search_fts) as score from search_fts
              where search_fts match ${fts5Query(terms)})
        select d.id, d.incident_id, d.kind, d.ref, -m.score * ${weight} as score
        from m join search_documents d on d.id = m.id`
    : sql`select d.id, d.incident_id, d.kind, d.ref, ts_rank(d.tsv, q) * ${weight} as score
        from search_documents d, to_tsquery('simple', ${tsQuery(terms)}) q
        where d.tsv @@ q`;
}

/** The full-text index of migration 0030 (migrations/search-index.ts), read. */
export function searchRepo(db: Db): SearchIndex {
  const k = db.kysely;
  return {
    async incidents(terms, filters, { limit, offset, visibleTo }) {
      const best = sql<{
        incident_id: string;
        score: number;
      }>`(select m.incident_id, max(m.score) as score from (${matching(db, terms)}) m
          group by m.incident_id)`.as("h");
      let q = k
        .selectFrom(best)
        .innerJoin("incidents", "incidents.id", "h.incident_id")
        .select([
          "incidents.id",
          "incidents.human_id",
          "incidents.title",
          "incidents.type",
          "incidents.severity",
          "incidents.phase",
          "incidents.declared_at",
          "incidents.restricted",
          "h.score",
        ]);
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
                // The tags are a JSON array of strings: the tag, JSON-quoted, is one of its items.
                .where(
                  db.dialect === "sqlite"
                    ? sql<boolean>`instr(a.tags, ${JSON.stringify(tag)}) > 0`
                    : sql<boolean>`strpos(a.tags, ${JSON.stringify(tag)}) > 0`,
                ),
            ),
          ]),
        );
      if (visibleTo !== undefined) q = q.where(incidentVisibleTo(visibleTo));
      const rows = await q
        .orderBy("h.score", "desc")
        .orderBy("incidents.declared_at", "desc")
        .orderBy("incidents.id")
        .limit(limit)
        .offset(offset)
        .execute();
      return rows.map((r) => ({
        ...r,
        phase: r.phase as IncidentPhase,
        restricted: Boolean(r.restricted),
        score: Number(r.score),
      }));
    },

    async hits(terms, incidentIds, perIncident) {
      if (incidentIds.length === 0) return [];
      const { rows } = await sql<{
        incident_id: string;
        kind: SearchKind;
        ref: string;
        text: string;
        score: number;
      }>`
        select r.incident_id, r.kind, r.ref, d.text, r.score from (
          select m.id, m.incident_id, m.kind, m.ref, m.score, row_number() over
            (partition by m.incident_id order by m.score desc, m.id) as n
          from (${matching(db, terms)}) m
          where m.incident_id in (${sql.join(incidentIds)})) r
        join search_documents d on d.id = r.id
        where r.n <= ${perIncident}
        order by r.score desc, r.id`.execute(k);
      return rows.map((r) => ({ ...r, score: Number(r.score) }));
    },
  };
}
