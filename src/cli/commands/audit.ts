import { Command } from "commander";
import type { AuditVerdict } from "../../audit/audit.service.js";
import type { AuditEntry } from "../../audit/audit.types.js";
import { type ApiFlags, withApi, withApiOptions } from "../api.js";
import { action, EXIT, printJson, printLine } from "../io.js";

/** `firebreak audit verify|head|list`: the audit log's hash chain and its entries (admins). */
export function auditCommand(): Command {
  const audit = new Command("audit").description("the audit log (admins)");

  audit.addCommand(
    withApiOptions(new Command("verify").description("re-compute the audit log's hash chain"))
      .option(
        "--head <hash>",
        "a head printed earlier by `audit head`: it must still be in the log",
      )
      .option("--json", "print the verdict as JSON")
      .action(
        action(async (flags: ApiFlags & { json?: boolean; head?: string }) => {
          const q = flags.head ? `?${new URLSearchParams({ head: flags.head })}` : "";
          const v = await withApi(flags, (api) =>
            api.legacy<AuditVerdict>("GET", `/audit/verify${q}`),
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

  audit.addCommand(
    withApiOptions(
      new Command("head").description(
        "print the audit log's head hash and entry count; keep it elsewhere for `verify --head`",
      ),
    )
      .option("--json", "print JSON")
      .action(
        action(async (flags: ApiFlags & { json?: boolean }) => {
          const head = await withApi(flags, (api) =>
            api.legacy<{ hash: string; entries: number }>("GET", "/audit/head"),
          );
          if (flags.json) printJson(head);
          else printLine(`${head.hash} ${head.entries}`);
          return EXIT.ok;
        }),
      ),
  );

  audit.addCommand(
    withApiOptions(new Command("list").description("newest entries first"))
      .option("--action <action>", "only this action, e.g. sign_in.failed")
      .option("--limit <n>", "how many", "50")
      .option("--json", "print JSON")
      .action(
        action(async (flags: ApiFlags & { action?: string; limit: string; json?: boolean }) => {
          const q = new URLSearchParams({ limit: flags.limit });
          if (flags.action) q.set("action", flags.action);
          const page = await withApi(flags, (api) =>
            api.legacy<{ items: AuditEntry[] }>("GET", `/audit?${q}`),
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
  return audit;
}
