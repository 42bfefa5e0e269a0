import { type Command, Option } from "commander";
import { type Config, type ConfigFlags, loadConfig } from "../config.js";
import { collect } from "./io.js";

/** The options that say where the data is; shared by every command that opens the database. */
export function withDatabaseOptions(cmd: Command): Command {
  return cmd
    .addOption(
      new Option(
        "--data-dir <dir>",
        "folder of the embedded SQLite database (env FIREBREAK_DATA_DIR; default ./data)",
      ),
    )
    .addOption(
      new Option(
        "--database-url <url>",
        "PostgreSQL URL instead of the embedded database (env DATABASE_URL)",
      ),
    )
    .addOption(
      new Option(
        "--library <dir>",
        "document library folder, repeatable (env FIREBREAK_LIBRARY, colon-separated; default: the built-in library)",
      ).argParser(collect),
    );
}

export function configFrom(flags: ConfigFlags): Config {
  return loadConfig(flags);
}
