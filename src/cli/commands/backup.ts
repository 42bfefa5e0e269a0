import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { Command } from "commander";
import type { AuditVerdict } from "../../audit/audit.service.js";
import { audit } from "../../contract/audit.js";
import type { TimelineVerdict } from "../../contract/incidents.js";
import { invalidInput } from "../../domain/errors.js";
import {
  backupSqlite,
  isEmptyFolder,
  isSqliteFile,
  moveSqlite,
  reinstallGuards,
} from "../../store/backup.js";
import { sqliteFileIn } from "../../store/connect.js";
import { withApi } from "../api.js";
import { action, EXIT, printJson, printLine } from "../io.js";
import { configFrom, withDatabaseOptions } from "../options.js";
import { verifyIncidents } from "./verify.js";

const PG_RECIPE =
  "on PostgreSQL, back up with pg_dump and check the restored copy with `firebreak verify --database-url URL` and `firebreak audit verify --database-url URL` (docs/operations.md)";

/** `firebreak backup --out FILE`: a consistent copy of the embedded database, server running. */
export function backupCommand(): Command {
  return withDatabaseOptions(
    new Command("backup").description(
      "copy the embedded database to a file while the server runs (PostgreSQL: pg_dump, see docs/operations.md)",
    ),
  )
    .requiredOption("--out <file>", "where to write the copy (must not exist)")
    .option("--json", "print the result as JSON")
    .action(
      action(async (flags: { out: string; json?: boolean; dataDir?: string }) => {
        const config = configFrom(flags);
        if (config.databaseUrl)
          throw invalidInput(`backup copies the embedded database; ${PG_RECIPE}`);
        const source = sqliteFileIn(config.dataDir);
        if (!existsSync(source)) throw invalidInput(`no Firebreak database in ${config.dataDir}`);
        const out = resolve(flags.out);
        if (existsSync(out)) throw invalidInput(`${out} exists; choose a new file`);
        if (!existsSync(dirname(out)))
          throw invalidInput(`the folder ${dirname(out)} does not exist`);
        const copied = await backupSqlite(source, out);
        if (flags.json) printJson({ database: source, out, ...copied });
        else printLine(`backed up ${source} to ${out} (${copied.bytes} bytes)`);
        return EXIT.ok;
      }),
    );
}

/**
 * `firebreak restore FILE`: checks a backup — migrated to this version's schema, every incident
 * timeline and the audit log verified — in a scratch folder beside the data folder, and only
 * then puts it in place. A data folder that is not empty is refused without `--force`; with it,
 * the database there is set aside (renamed), never deleted.
 */
export function restoreCommand(): Command {
  return withDatabaseOptions(
    new Command("restore").description(
      "restore a backup into a data folder, after verifying its hash chains",
    ),
  )
    .argument("<file>", "a file written by `firebreak backup`")
    .option("--force", "restore into a data folder that is not empty (its database is set aside)")
    .option("--json", "print the result as JSON")
    .action(
      action(
        async (
          file: string,
          flags: { force?: boolean; json?: boolean; dataDir?: string; library?: string[] },
        ) => {
          const config = configFrom(flags);
          if (config.databaseUrl)
            throw invalidInput(`restore writes the embedded database; ${PG_RECIPE}`);
          const backup = resolve(file);
          if (!existsSync(backup)) throw invalidInput(`${backup} does not exist`);
          if (!isSqliteFile(backup))
            throw invalidInput(`${backup} is not a Firebreak backup (not an SQLite database)`);
          const dataDir = resolve(config.dataDir);
          if (!isEmptyFolder(dataDir) && !flags.force)
            throw invalidInput(
              `${dataDir} is not empty; restore into a new folder (--data-dir), or add --force to set its database aside`,
            );

          mkdirSync(dirname(dataDir), { recursive: true });
          const scratch = mkdtempSync(join(dirname(dataDir), `.${basename(dataDir)}-restore-`));
          try {
            copyFileSync(backup, sqliteFileIn(scratch));
            const checked = await withApi(
              { dataDir: scratch, library: flags.library },
              async (api) => ({
                incidents: await verifyIncidents(api, []),
                audit: await api.call(audit.verify),
              }),
            );
            const broken = checked.incidents.filter((v) => !v.intact);
            if (broken.length > 0 || !checked.audit.intact) {
              report(flags.json, false, checked.incidents, checked.audit, backup);
              return EXIT.failed;
            }
            if (await reinstallGuards(sqliteFileIn(scratch)))
              process.stderr.write(
                "warning: the backup's append-only guards (triggers refusing UPDATE and DELETE on the timeline and audit log) were missing or altered; the restored copy has them afresh\n",
              );
            mkdirSync(dataDir, { recursive: true });
            const target = sqliteFileIn(dataDir);
            const setAside = existsSync(target)
              ? `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, "")}`
              : undefined;
            if (setAside) moveSqlite(target, setAside);
            moveSqlite(sqliteFileIn(scratch), target);
            report(flags.json, true, checked.incidents, checked.audit, target, setAside);
            return EXIT.ok;
          } finally {
            rmSync(scratch, { recursive: true, force: true });
          }
        },
      ),
    );
}

function report(
  json: boolean | undefined,
  restored: boolean,
  incidents: TimelineVerdict[],
  audit: AuditVerdict,
  where: string,
  setAside?: string,
) {
  const broken = incidents.filter((v) => !v.intact);
  if (json) {
    printJson({
      restored,
      ...(restored ? { database: where } : { backup: where }),
      ...(setAside ? { set_aside: setAside } : {}),
      incidents: incidents.length,
      broken,
      audit,
    });
    return;
  }
  if (!restored) {
    process.stderr.write(`refused: ${where} does not verify; nothing was restored\n`);
    for (const v of broken)
      process.stderr.write(
        `  ${v.incident}: BROKEN${v.first_bad_seq ? ` at entry ${v.first_bad_seq}` : ""}: ${v.reason}\n`,
      );
    if (!audit.intact) process.stderr.write(`  audit log: BROKEN: ${audit.reason}\n`);
    return;
  }
  printLine(
    `restored ${where}: ${incidents.length} incident timelines and the audit log (${audit.entries} entries) verified`,
  );
  if (setAside) printLine(`the database that was there is kept as ${setAside}`);
}
