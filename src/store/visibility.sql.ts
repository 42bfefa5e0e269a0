import { type Expression, type ExpressionBuilder, type SqlBool, sql } from "kysely";
import type { Database } from "./database.js";

/**
 * The restricted-incident rule of auth/incident-visibility.ts in SQL — the one place it is
 * written: an incident is visible to a person when it is unrestricted, or the person commands
 * it, declared it (`created_by` is "person:<id>" or ends "(person:<id>)"), holds a current role
 * on it, or was made a member (paged for it).
 */
export function incidentVisibleTo(person: string) {
  const ref = `person:${person}`;
  const suffix = `(${ref})`;
  return (eb: ExpressionBuilder<Database, "incidents">): Expression<SqlBool> =>
    eb.or([
      eb("incidents.restricted", "=", 0),
      // Not just `commander = person`: with a null commander that is NULL, and NOT (… OR NULL)
      // would hide the row from a negation of this rule.
      eb.and([eb("incidents.commander", "is not", null), eb("incidents.commander", "=", person)]),
      eb("incidents.created_by", "=", ref),
      eb.and([
        eb(eb.fn("length", ["incidents.created_by"]), ">=", suffix.length),
        eb(
          sql`substr(incidents.created_by, length(incidents.created_by) - ${suffix.length - 1})`,
          "=",
          suffix,
        ),
      ]),
      eb.exists(
        eb
          .selectFrom("role_assignments as ra")
          .select("ra.id")
          .whereRef("ra.incident_id", "=", "incidents.id")
          .where("ra.person", "=", person)
          .where("ra.ended_at", "is", null),
      ),
      eb.exists(
        eb
          .selectFrom("incident_members as im")
          .select("im.person")
          .whereRef("im.incident_id", "=", "incidents.id")
          .where("im.person", "=", person),
      ),
    ]);
}

/**
 * For tables that belong to an incident through a nullable `incident_id` column (alerts,
 * clocks…): the row is shown unless it belongs to a restricted incident hidden from `person`.
 * `column` is the qualified column, e.g. `"alerts.incident_id"`. Filtering in the list query
 * keeps pagination right (a page is never short because rows were dropped after the fact).
 */
export function notInHiddenIncident(person: string, column: string) {
  // biome-ignore lint/suspicious/noExplicitAny: any table with an incident_id column
  return (eb: ExpressionBuilder<any, any>): Expression<SqlBool> =>
    eb.not(
      eb.exists(
        eb
          .selectFrom("incidents")
          .select("incidents.id")
          .where("incidents.id", "=", eb.ref(column))
          .where("incidents.restricted", "=", 1)
          .where((inner: ExpressionBuilder<Database, "incidents">) =>
            inner.not(incidentVisibleTo(person)(inner)),
          ),
      ),
    );
}
