import { type Kysely, sql } from "kysely";
import type { RcaStatus } from "../domain/post-incident-states.js";
import type {
  ChangeProposal,
  LessonsReview,
  PostIncidentStore,
  Rca,
  SearchCandidate,
} from "../postincident/postincident.types.js";
import type { Db } from "./connect.js";
import type { Database } from "./database.js";
import { findByRef, nextHumanId } from "./human-ids.js";
import type { LessonsTable, RcasTable } from "./tables/postincident.js";
import { updateAtVersion } from "./versioned-update.js";
import { notInHiddenIncident } from "./visibility.sql.js";

const rcaFromRow = (r: RcasTable): Rca => ({
  id: r.id,
  human_id: r.human_id,
  title: r.title,
  incident_id: r.incident_id,
  problem_id: r.problem_id,
  scope: JSON.parse(r.scope),
  causes: JSON.parse(r.causes),
  root_cause_id: r.root_cause_id,
  solution: r.solution === null ? null : JSON.parse(r.solution),
  status: r.status as RcaStatus,
  created_at: r.created_at,
  created_by: r.created_by,
  updated_at: r.updated_at,
  version: Number(r.version),
});

/** Everything a person could search an RCA for, lower-cased once at write time. */
function rcaSearchText(rca: Rca): string {
  return [
    rca.title,
    rca.scope.summary,
    ...rca.scope.in_scope,
    ...rca.causes.flatMap((c) => [c.statement, ...c.contributing_factors]),
    rca.solution?.summary ?? "",
    rca.solution?.workaround ?? "",
  ]
    .join("\n")
    .toLowerCase();
}

function rcaToRow(rca: Rca): RcasTable {
  return {
    ...rca,
    scope: JSON.stringify(rca.scope),
    causes: JSON.stringify(rca.causes),
    solution: rca.solution === null ? null : JSON.stringify(rca.solution),
    search_text: rcaSearchText(rca),
  };
}

const lessonsFromRow = (r: LessonsTable): LessonsReview => ({
  id: r.id,
  incident_id: r.incident_id,
  what_happened: r.what_happened,
  went_well: JSON.parse(r.went_well),
  went_poorly: JSON.parse(r.went_poorly),
  learned: JSON.parse(r.learned),
  proposals: JSON.parse(r.proposals),
  created_at: r.created_at,
  created_by: r.created_by,
  updated_at: r.updated_at,
  updated_by: r.updated_by,
  version: Number(r.version),
});

function lessonsToRow(l: LessonsReview): LessonsTable {
  const texts = [
    l.what_happened,
    ...l.went_well,
    ...l.went_poorly,
    ...l.learned,
    ...l.proposals.flatMap((p) => [p.change, p.rationale]),
  ];
  return {
    ...l,
    went_well: JSON.stringify(l.went_well),
    went_poorly: JSON.stringify(l.went_poorly),
    learned: JSON.stringify(l.learned),
    proposals: JSON.stringify(l.proposals),
    // Padded with spaces so that a LIKE on " kind/id " never matches a longer id.
    targets: ` ${[...new Set(l.proposals.map((p) => `${p.target.kind}/${p.target.id}`))].join(" ")} `,
    search_text: texts.join("\n").toLowerCase(),
  };
}

/** `term` as a LIKE pattern matching it anywhere, with the wildcards in it taken literally. */
const containing = (term: string) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const lessonFields = (l: LessonsReview) => [
  { text: l.what_happened, weight: 2 },
  { text: l.learned.join("\n"), weight: 3 },
  { text: l.went_poorly.join("\n"), weight: 2 },
  { text: l.went_well.join("\n"), weight: 1 },
  { text: l.proposals.map((p: ChangeProposal) => p.change).join("\n"), weight: 2 },
];

function rcaFields(r: Rca) {
  const root = r.causes.find((c) => c.id === r.root_cause_id);
  return [
    { text: r.title, weight: 3 },
    { text: root?.statement ?? "", weight: 4 },
    { text: r.causes.map((c) => c.statement).join("\n"), weight: 2 },
    { text: r.causes.flatMap((c) => c.contributing_factors).join("\n"), weight: 2 },
    { text: `${r.solution?.summary ?? ""}\n${r.solution?.workaround ?? ""}`, weight: 2 },
    { text: r.scope.summary, weight: 1 },
  ];
}

/** RCAs and lessons-learned reviews (tables from 0007). */
export function postIncidentRepo(db: Db): PostIncidentStore {
  const k: Kysely<Database> = db.kysely;
  return {
    nextHumanId: (prefix, year) => nextHumanId(k, prefix, year),

    async createRca(rca) {
      await k.insertInto("rcas").values(rcaToRow(rca)).execute();
    },

    async getRca(ref) {
      const row = await findByRef(k, "rcas", ref);
      return row ? rcaFromRow(row) : undefined;
    },

    async listRcas(filter) {
      let q = k.selectFrom("rcas").selectAll();
      if (filter.incident) q = q.where("incident_id", "=", filter.incident);
      if (filter.problem) q = q.where("problem_id", "=", filter.problem);
      if (filter.visibleTo !== undefined)
        q = q.where(notInHiddenIncident(filter.visibleTo, "rcas.incident_id"));
      const rows = await q.orderBy("created_at").orderBy("human_id").execute();
      return rows.map(rcaFromRow);
    },

    updateRca: (rca, expectedVersion) => updateAtVersion(k, "rcas", rcaToRow(rca), expectedVersion),

    async getLessons(incidentId) {
      const row = await k
        .selectFrom("lessons")
        .selectAll()
        .where("incident_id", "=", incidentId)
        .executeTakeFirst();
      return row ? lessonsFromRow(row) : undefined;
    },

    async saveLessons(review, expectedVersion) {
      const row = lessonsToRow(review);
      if (expectedVersion === 0) {
        // The unique incident_id makes a concurrent first save fail here; the caller retries.
        const res = await k
          .insertInto("lessons")
          .values({ ...row, version: 1 })
          .onConflict((oc) => oc.column("incident_id").doNothing())
          .executeTakeFirst();
        return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
      }
      return updateAtVersion(k, "lessons", row, expectedVersion);
    },

    async lessonsProposingFor(kind, id, visibleTo) {
      let q = k
        .selectFrom("lessons")
        .selectAll()
        .where(sql<boolean>`targets like ${containing(` ${kind}/${id} `)} escape '\\'`);
      if (visibleTo !== undefined)
        q = q.where(notInHiddenIncident(visibleTo, "lessons.incident_id"));
      const rows = await q.orderBy("updated_at", "desc").execute();
      return rows.map(lessonsFromRow);
    },

    async searchCandidates(terms, limit, visibleTo) {
      if (terms.length === 0) return [];
      const anyTerm = (col: "l.search_text" | "r.search_text") =>
        sql<boolean>`(${sql.join(
          terms.map((t) => sql`${sql.ref(col)} like ${containing(t)} escape '\\'`),
          sql` or `,
        )})`;
      const lessons = await k
        .selectFrom("lessons as l")
        .innerJoin("incidents as i", "i.id", "l.incident_id")
        .selectAll("l")
        .select(["i.human_id as incident_human_id", "i.title as incident_title"])
        .where("i.exercise", "=", 0)
        .where(anyTerm("l.search_text"))
        .$if(visibleTo !== undefined, (q) =>
          q.where(notInHiddenIncident(visibleTo as string, "l.incident_id")),
        )
        .orderBy("l.updated_at", "desc")
        .limit(limit)
        .execute();
      const rcas = await k
        .selectFrom("rcas as r")
        .leftJoin("incidents as i", "i.id", "r.incident_id")
        .leftJoin("problems as p", "p.id", "r.problem_id")
        .selectAll("r")
        .select([
          "i.human_id as incident_human_id",
          "i.title as incident_title",
          "i.exercise as incident_exercise",
          "p.human_id as problem_human_id",
          "p.title as problem_title",
        ])
        .where(anyTerm("r.search_text"))
        .$if(visibleTo !== undefined, (q) =>
          q.where(notInHiddenIncident(visibleTo as string, "r.incident_id")),
        )
        .orderBy("r.updated_at", "desc")
        .limit(limit)
        .execute();
      const out: SearchCandidate[] = lessons.map((row) => {
        const l = lessonsFromRow(row);
        return {
          kind: "lesson",
          id: l.id,
          incident: {
            id: l.incident_id,
            human_id: row.incident_human_id,
            title: row.incident_title,
          },
          problem: null,
          title: `Lessons learned: ${row.incident_title}`,
          at: l.updated_at,
          fields: lessonFields(l),
        };
      });
      for (const row of rcas) {
        if (Number(row.incident_exercise ?? 0) === 1) continue;
        const r = rcaFromRow(row);
        out.push({
          kind: "root_cause",
          id: r.id,
          incident:
            r.incident_id && row.incident_human_id
              ? {
                  id: r.incident_id,
                  human_id: row.incident_human_id,
                  title: row.incident_title ?? "",
                }
              : null,
          problem:
            r.problem_id && row.problem_human_id
              ? { id: r.problem_id, human_id: row.problem_human_id, title: row.problem_title ?? "" }
              : null,
          title: `${r.human_id}: ${r.title}`,
          at: r.updated_at,
          fields: rcaFields(r),
        });
      }
      return out;
    },
  };
}
