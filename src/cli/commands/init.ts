import { cp, readdir } from "node:fs/promises";
import { resolve } from "node:path";
import { Command } from "commander";
import { BUILTIN_LIBRARY_DIR } from "../../documents/library.js";
import { invalidInput } from "../../domain/errors.js";
import { action, EXIT, printJson, printLine } from "../io.js";

export function initCommand(): Command {
  return new Command("init")
    .description("write an editable copy of the built-in library (plan, procedures, rules)")
    .argument("[dir]", "where to write it", "firebreak-library")
    .option("--force", "write into a folder that is not empty")
    .option("--json", "print the result as JSON")
    .action(
      action(async (dir: string, flags: { force?: boolean; json?: boolean }) => {
        const target = resolve(dir);
        const existing = await readdir(target).catch(() => []);
        if (existing.length > 0 && !flags.force)
          throw invalidInput(`${dir} is not empty; choose another folder or pass --force`);
        await cp(BUILTIN_LIBRARY_DIR, target, { recursive: true, force: true });
        if (flags.json) printJson({ path: target });
        else {
          printLine(`wrote the built-in library to ${target}`);
          // A database that already holds documents takes a library only as drafts to approve.
          printLine(
            `edit it, check it with 'firebreak lint ${dir}', then load it: 'firebreak serve --library ${dir}' into a new database, or 'firebreak library sync --library ${dir}' (drafts to approve) into one that has documents`,
          );
        }
        return EXIT.ok;
      }),
    );
}
