import type {
  ClockRecordStore,
  StoredClockNotification,
  StoredClockStop,
} from "../compliance/clock-record.types.js";
import type { Actor } from "../domain/actor.js";
import type { NotificationChannel } from "../domain/clock-states.js";
import type { Db } from "./connect.js";
import type { ClockNotificationsTable, ClockStopsTable } from "./tables/clocks.js";

const fromNotification = (r: ClockNotificationsTable): StoredClockNotification => ({
  ...r,
  // Written only from the checked input (`recordClockNotification`).
  channel: r.channel as NotificationChannel | null,
  recorded_by: JSON.parse(r.recorded_by) as Actor,
});

const fromStop = (r: ClockStopsTable): StoredClockStop => ({
  ...r,
  recorded_by: JSON.parse(r.recorded_by) as Actor,
});

/** Notifications and stops recorded against regulatory clocks. */
export function clockRecordRepo(db: Db): ClockRecordStore {
  const k = db.kysely;
  return {
    async addNotification(n) {
      await k
        .insertInto("clock_notifications")
        .values({ ...n, recorded_by: JSON.stringify(n.recorded_by) })
        .execute();
    },

    async addStop(stop) {
      const result = await k
        .insertInto("clock_stops")
        .values({ ...stop, recorded_by: JSON.stringify(stop.recorded_by) })
        .onConflict((oc) => oc.columns(["incident_id", "obligation_id"]).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },

    async records(incidentIds) {
      if (incidentIds.length === 0) return { notifications: [], stops: [] };
      const ids = [...incidentIds];
      const [notifications, stops] = await Promise.all([
        k
          .selectFrom("clock_notifications")
          .selectAll()
          .where("incident_id", "in", ids)
          .orderBy("sent_at")
          .orderBy("recorded_at")
          .execute(),
        k.selectFrom("clock_stops").selectAll().where("incident_id", "in", ids).execute(),
      ]);
      return { notifications: notifications.map(fromNotification), stops: stops.map(fromStop) };
    },
  };
}
