import { Command } from "commander";
import type { AuditEntry } from "../../audit/audit.types.js";
import type { ChainVerdict } from "../../domain/hash-chain.js";
import { type ApiFlags, withApi, withApiOptions } from "../api.js";
import { action, EXIT, printJson, printLine } from "../io.js";

/** `firebreak audit verify|list`: the audit log's hash chain and its entries (admins). */
export function auditCommand(): Command {
  const audit = new Command("audit").description("the audit log (admins)");

  audit.addCommand(
    withApiOptions(new Command("verify").description("re-compute the audit log's hash chain"))
      .option("--json", "print the verdict as JSON")
      .action(
        action(async (flags: ApiFlags & { json?: boolean }) => {
          const v = await withApi(flags, (api) => api.call<ChainVerdict>("GET", "/audit/verify"));
          if (flags.json) printJson(v);
          else if (v.intact) printLine(`audit log intact (${v.entries} entries)`);
          else printLine(`audit log BROKEN at entry ${v.first_bad_seq}: ${v.reason}`);
          return v.intact ? EXIT.ok : EXIT.failed;
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
            api.call<{ items: AuditEntry[] }>("GET", `/audit?${q}`),
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
