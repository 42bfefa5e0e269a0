import { Command } from "commander";
import { audit } from "../../contract/audit.js";
import { type ApiFlags, withApi, withApiOptions } from "../api.js";
import { action, EXIT, printJson, printLine, printResult } from "../io.js";

/** `firebreak audit verify|head|list`: the audit log's hash chain and its entries (admins). */
export function auditCommand(): Command {
  const command = new Command("audit").description("the audit log (admins)");

  command.addCommand(
    withApiOptions(new Command("verify").description("re-compute the audit log's hash chain"))
      .option(
        "--head <hash>",
        "a head printed earlier by `audit head`: it must still be in the log",
      )
      .option("--json", "print the verdict as JSON")
      .action(
        action(async (flags: ApiFlags & { json?: boolean; head?: string }) => {
          const v = await withApi(flags, (api) =>
            api.call(audit.verify, { query: { head: flags.head } }),
          );
          if (flags.json) printJson(v);
          else if (!v.intact)
            printLine(
              `audit log BROKEN${v.first_bad_seq ? ` at entry ${v.first_bad_seq}` : ""}: ${v.reason}`,
            );
          else
            printLine(
              `audit log intact (${v.entries} entries)${v.head ? `; head ${v.head.hash.slice(0, 12)}… is entry ${v.head.seq}` : ""}`,
            );
          return v.intact ? EXIT.ok : EXIT.failed;
        }),
      ),
  );

  command.addCommand(
    withApiOptions(
      new Command("head").description(
        "print the audit log's head hash and entry count; keep it elsewhere for `verify --head`",
      ),
    )
      .option("--json", "print JSON")
      .action(
        action(async (flags: ApiFlags & { json?: boolean }) => {
          const head = await withApi(flags, (api) => api.call(audit.head));
          printResult(flags, head, () => `${head.hash} ${head.entries}`);
          return EXIT.ok;
        }),
      ),
  );

  command.addCommand(
    withApiOptions(new Command("list").description("newest entries first"))
      .option("--action <action>", "only this action, e.g. sign_in.failed")
      .option("--limit <n>", "how many", "50")
      .option("--json", "print JSON")
      .action(
        action(async (flags: ApiFlags & { action?: string; limit: string; json?: boolean }) => {
          const page = await withApi(flags, (api) =>
            api.call(audit.list, { query: { limit: flags.limit, action: flags.action } }),
          );
          if (flags.json) printJson(page);
          else
            for (const e of page.items) {
              const who = "id" in e.actor ? e.actor.id : e.actor.kind;
              printLine(
                `${String(e.seq).padStart(6)}  ${e.at}  ${e.action.padEnd(20)} ${e.outcome.padEnd(8)} ${who} ${e.target ?? ""}`,
              );
            }
          return EXIT.ok;
        }),
      ),
  );
  return command;
}
