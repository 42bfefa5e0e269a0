import type { Kysely } from "kysely";
import type { IncidentMember } from "../domain/incident/model.js";
import type { IncidentStore } from "../response/incident.types.js";
import type { Database } from "./database.js";
import { incidentVisibleTo } from "./visibility.sql.js";

type MemberMethods = Pick<IncidentStore, "isVisibleTo" | "members" | "addMembers">;

/**
 * The incident store's visibility and membership methods (spread into `incidentRepo`): kept
 * apart so the visibility rule's SQL (visibility.sql.ts) has one home and one caller shape.
 */
export function memberMethods(k: Kysely<Database>): MemberMethods {
  return {
    async isVisibleTo(incidentId, person) {
      const row = await k
        .selectFrom("incidents")
        .select("incidents.id")
        .where("incidents.id", "=", incidentId)
        .where(incidentVisibleTo(person))
        .executeTakeFirst();
      return row !== undefined;
    },

    async members(incidentId) {
      return k
        .selectFrom("incident_members")
        .selectAll()
        .where("incident_id", "=", incidentId)
        .orderBy("added_at")
        .orderBy("person")
        .execute();
    },

    async addMembers(members: IncidentMember[]) {
      // Idempotent: paging the same person twice (a repeated step, the next round) adds nothing.
      if (members.length === 0) return;
      await k
        .insertInto("incident_members")
        .values(members)
        .onConflict((oc) => oc.columns(["incident_id", "person"]).doNothing())
        .execute();
    },
  };
}
