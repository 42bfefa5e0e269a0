import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Migration, MigrationProvider } from "kysely";

/**
 * The migrations are the `NNNN-<feature>` modules of this folder (`.ts` in the source, `.js`
 * once compiled: the package and the tests run the same files), applied in name order. Adding
 * one is adding its file; never rename or edit one that has shipped — add the next.
 */
const here = dirname(fileURLToPath(import.meta.url));
const MIGRATION_FILE = /^(\d{4}-[a-z0-9-]+)\.(?:ts|js)$/;

const files = new Map(
  readdirSync(here).flatMap((file) => {
    const name = MIGRATION_FILE.exec(file)?.[1];
    return name ? [[name, file] as const] : [];
  }),
);

export const migrationProvider: MigrationProvider = {
  getMigrations: async () =>
    Object.fromEntries(
      await Promise.all(
        [...files].map(
          async ([name, file]) =>
            [name, (await import(pathToFileURL(join(here, file)).href)) as Migration] as const,
        ),
      ),
    ),
};

export const LATEST_MIGRATION = [...files.keys()].sort().at(-1) as string;
