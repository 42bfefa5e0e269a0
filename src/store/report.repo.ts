import type { Kysely } from "kysely";
import type { ReportFormat, ReportKind } from "../domain/report-kinds.js";
import type { ReportStore, StoredReportMeta } from "../reports/report.types.js";
import type { Db } from "./connect.js";
import type { Database } from "./database.js";
import type { ReportsTable } from "./tables/postincident.js";

const META = [
  "id",
  "incident_id",
  "kind",
  "format",
  "version",
  "title",
  "media_type",
  "sha256",
  "size",
  "encoding",
  "incident_version",
  "created_at",
  "created_by",
] as const;

/** Numbers may come back as strings (PostgreSQL bigint); the enums are what was written. */
const meta = (r: Omit<ReportsTable, "content">): StoredReportMeta => ({
  ...r,
  kind: r.kind as ReportKind,
  format: r.format as ReportFormat,
  encoding: r.encoding as StoredReportMeta["encoding"],
  version: Number(r.version),
  size: Number(r.size),
  incident_version: Number(r.incident_version),
});

/** Stored report versions (table from 0007). */
export function reportRepo(db: Db): ReportStore {
  const k: Kysely<Database> = db.kysely;
  return {
    async insert(report) {
      // The next version is read and written in one statement's transaction; the unique
      // (incident, kind, format, version) constraint turns a race into an error the caller retries.
      return k.transaction().execute(async (tx) => {
        const last = await tx
          .selectFrom("reports")
          .select((eb) => eb.fn.max("version").as("v"))
          .where("incident_id", "=", report.incident_id)
          .where("kind", "=", report.kind)
          .where("format", "=", report.format)
          .executeTakeFirst();
        const version = Number(last?.v ?? 0) + 1;
        await tx
          .insertInto("reports")
          .values({ ...report, version })
          .execute();
        return version;
      });
    },

    async list(incidentId) {
      const rows = await k
        .selectFrom("reports")
        .select(META)
        .where("incident_id", "=", incidentId)
        .orderBy("created_at", "desc")
        .orderBy("version", "desc")
        .execute();
      return rows.map(meta);
    },

    async get(id) {
      const row = await k.selectFrom("reports").selectAll().where("id", "=", id).executeTakeFirst();
      return row ? { ...meta(row), content: row.content } : undefined;
    },
  };
}
