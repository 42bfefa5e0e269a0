import { Command, Option } from "commander";
import type { ApiToken } from "../../auth/identity.types.js";
import { tokens } from "../../contract/tokens.js";
import { TOKEN_SCOPES } from "../../domain/access-roles.js";
import { type ApiFlags, withApi, withApiOptions } from "../api.js";
import { action, EXIT, printJson, printLine, printResult } from "../io.js";

const line = (t: ApiToken) =>
  `${t.id}  ${t.prefix}…  ${t.scope.padEnd(6)} ${t.revoked_at ? "revoked" : `expires ${t.expires_at ?? "never"}`}  ${t.name}`;

/** `firebreak tokens create|list|revoke`: API tokens, shown once at creation. */
export function tokensCommand(): Command {
  const command = new Command("tokens").description("API tokens");

  command.addCommand(
    withApiOptions(new Command("create").description("create a token; its secret is shown once"))
      .addOption(
        new Option("--scope <scope>", "read, write, or ingest (events and alerts only)")
          .choices(TOKEN_SCOPES)
          .makeOptionMandatory(),
      )
      .option("--expires <duration>", "ISO 8601 lifetime, at most two years", "P90D")
      .option("--name <name>", "what the token is for", "cli")
      .option("--user <email>", "admins: the user the token is for")
      .option("--json", "print JSON")
      .action(
        action(async (flags) => {
          const created = await withApi(flags, (api) =>
            api.call(tokens.create, {
              body: {
                name: flags.name,
                scope: flags.scope,
                expires_in: flags.expires,
                ...(flags.user ? { user: flags.user } : {}),
              },
            }),
          );
          if (flags.json) printJson(created);
          else {
            printLine(created.token);
            process.stderr.write(
              `${created.scope} token ${created.id}, expires ${created.expires_at}; it is not shown again\n`,
            );
          }
          return EXIT.ok;
        }),
      ),
  );

  command.addCommand(
    withApiOptions(new Command("list").description("list your tokens (admins: --all)"))
      .option("--all", "everyone's tokens (admins)")
      .option("--json", "print JSON")
      .action(
        action(async (flags: ApiFlags & { all?: boolean; json?: boolean }) => {
          const page = await withApi(flags, (api) =>
            api.call(tokens.list, { query: { all: flags.all ? "true" : undefined } }),
          );
          printResult(flags, page, () => page.items.map(line));
          return EXIT.ok;
        }),
      ),
  );

  command.addCommand(
    withApiOptions(new Command("revoke").description("revoke a token at once"))
      .argument("<id>", "token id")
      .option("--json", "print JSON")
      .action(
        action(async (id: string, flags: ApiFlags & { json?: boolean }) => {
          const token = await withApi(flags, (api) => api.call(tokens.revoke, { params: { id } }));
          printResult(flags, token, () => `revoked ${token.id} (${token.name})`);
          return EXIT.ok;
        }),
      ),
  );
  return command;
}
