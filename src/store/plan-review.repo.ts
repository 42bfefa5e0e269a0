import type { Kysely } from "kysely";
import type { DocumentKind } from "../domain/document-kind.js";
import type {
  PlanReview,
  PlanReviewStore,
  ReviewStatus,
  Signoff,
} from "../preparation/preparation.types.js";
import type { Db } from "./connect.js";
import type { Database } from "./database.js";

/** Unique-index violations on either dialect (SQLite's message, PostgreSQL's SQLSTATE 23505). */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  return err?.code === "23505" || /UNIQUE constraint failed/i.test(err?.message ?? "");
}

/** Review rounds and sign-offs of document versions (every kind) over the database. */
export function planReviewRepo(db: Db): PlanReviewStore {
  const k: Kysely<Database> = db.kysely;
  return {
    async reviews(kind, planId) {
      const rounds = await k
        .selectFrom("plan_reviews")
        .selectAll()
        .where("kind", "=", kind)
        .where("plan_id", "=", planId)
        .orderBy("submitted_at", "asc")
        .execute();
      const signoffs = await k
        .selectFrom("plan_signoffs")
        .selectAll()
        .where("kind", "=", kind)
        .where("plan_id", "=", planId)
        .orderBy("at", "asc")
        .execute();
      return rounds.map(
        (r): PlanReview => ({
          ...r,
          kind: r.kind as DocumentKind,
          version: Number(r.version),
          status: r.status as ReviewStatus,
          signoffs: signoffs
            .filter((s) => s.review_id === r.id)
            .map(
              (s): Signoff => ({
                ...s,
                kind: s.kind as DocumentKind,
                version: Number(s.version),
                decision: s.decision as Signoff["decision"],
              }),
            ),
        }),
      );
    },
    async open(review) {
      await k.insertInto("plan_reviews").values(review).execute();
    },
    async addSignoff(signoff) {
      try {
        await k.insertInto("plan_signoffs").values(signoff).execute();
        return true;
      } catch (e) {
        if (isUniqueViolation(e)) return false;
        throw e;
      }
    },
    async close(id, status, at) {
      const r = await k
        .updateTable("plan_reviews")
        .set({ status, closed_at: at })
        .where("id", "=", id)
        .where("status", "=", "open")
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
  };
}
