import type { SettingsStore } from "../preparation/settings.types.js";
import type { Db } from "./connect.js";

/** Settings in the `settings` table (migrations/0018-settings.ts), values as JSON text. */
export function settingsRepo(db: Db): SettingsStore {
  const k = db.kysely;
  return {
    async get(key) {
      const row = await k
        .selectFrom("settings")
        .selectAll()
        .where("key", "=", key)
        .executeTakeFirst();
      return row && { ...row, value: JSON.parse(row.value) };
    },

    async put(setting) {
      const row = { ...setting, value: JSON.stringify(setting.value) };
      await k
        .insertInto("settings")
        .values(row)
        .onConflict((oc) =>
          oc.column("key").doUpdateSet({
            value: row.value,
            updated_at: row.updated_at,
            updated_by: row.updated_by,
          }),
        )
        .execute();
    },

    async clear(key) {
      await k.deleteFrom("settings").where("key", "=", key).execute();
    },
  };
}
