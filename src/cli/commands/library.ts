import { Command, Option } from "commander";
import { audit } from "../../audit/audit.service.js";
import { localOperator } from "../../domain/actor.js";
import { openRuntime, syncLibrary } from "../../runtime.js";
import { action, EXIT, printJson, printLine } from "../io.js";
import { configFrom, withDatabaseOptions } from "../options.js";

/**
 * `firebreak library sync [--library DIR]`: the one command that writes library documents into a
 * database that already holds some. Each document whose text was never stored becomes a new
 * draft (nothing in force changes until it is approved); into an empty database the library is
 * the first load, in force at once. Works on the local database (or DATABASE_URL); against a
 * server, upload with `POST /api/v1/documents`.
 */
export function libraryCommand(): Command {
  const library = new Command("library").description("the document library folder");
  library.addCommand(
    withDatabaseOptions(
      new Command("sync").description(
        "store the library's changed documents as drafts awaiting approval, and say what changed",
      ),
    )
      .addOption(new Option("--json", "print the result as one JSON document"))
      .action(
        action(async (flags) => {
          const rt = await openRuntime(configFrom({ ...flags, logLevel: "silent" }));
          try {
            const actor = localOperator();
            const result = await syncLibrary(rt, actor);
            const state = result.inForce ? "in force (first load)" : "draft";
            const documents = [
              ...result.stored.map((d) => ({
                kind: d.kind,
                id: d.id,
                change: result.inForce ? "in_force" : "new_draft",
                version: d.version,
                hash: d.hash,
              })),
              ...result.unchanged.map((d) => ({ ...d, change: "unchanged" })),
            ];
            if (result.stored.length > 0)
              await audit(rt, {
                actor,
                action: result.inForce ? "library.loaded" : "library.synced",
                target: rt.config.library.join(", "),
                details: { stored: documents.filter((d) => d.change !== "unchanged") },
              });
            if (flags.json)
              printJson({ in_force: result.inForce, documents, warnings: result.warnings });
            else {
              for (const d of result.stored)
                printLine(`${d.kind}/${d.id}: new ${state} v${d.version} (${d.hash.slice(0, 12)})`);
              for (const d of result.unchanged) printLine(`${d.kind}/${d.id}: unchanged`);
              if (result.stored.length > 0 && !result.inForce)
                printLine(
                  "drafts come into force once approved: firebreak documents submit|approve --kind K --id ID",
                );
            }
            return EXIT.ok;
          } finally {
            await rt.close();
          }
        }),
      ),
  );
  return library;
}
