import { Command } from "commander";
import { migrate, openDatabase, sqliteFileIn } from "../../store/connect.js";
import { action, EXIT, printJson, printLine } from "../io.js";
import { configFrom, withDatabaseOptions } from "../options.js";

export function dbCommand(): Command {
  const db = new Command("db").description("database maintenance");
  db.addCommand(
    withDatabaseOptions(new Command("migrate").description("apply pending migrations"))
      .option("--json", "print the result as JSON")
      .action(
        action(async (flags) => {
          const config = configFrom(flags);
          const handle = openDatabase(
            config.databaseUrl
              ? { url: config.databaseUrl }
              : { sqliteFile: sqliteFileIn(config.dataDir) },
          );
          try {
            const applied = await migrate(handle);
            if (flags.json) printJson({ database: handle.location, applied });
            else
              printLine(
                applied.length > 0
                  ? `applied ${applied.join(", ")} to ${handle.location}`
                  : `${handle.location} is up to date`,
              );
          } finally {
            await handle.close();
          }
          return EXIT.ok;
        }),
      ),
  );
  return db;
}
