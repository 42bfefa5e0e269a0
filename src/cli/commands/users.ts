import { Command, Option } from "commander";
import type { User } from "../../auth/identity.types.js";
import { users } from "../../contract/users.js";
import { ROLES } from "../../domain/access-roles.js";
import { invalidInput } from "../../domain/errors.js";
import { type ApiFlags, withApi, withApiOptions } from "../api.js";
import { action, EXIT, printResult } from "../io.js";
import { readPassword } from "../password-input.js";

const line = (u: User) =>
  `${u.email.padEnd(32)} ${u.role.padEnd(10)} ${(u.person_id ?? "-").padEnd(16)} ${u.disabled ? "disabled" : "active"}  ${u.name}`;

/**
 * `firebreak users list|create|disable|enable`: over the API of a server (admin token), or —
 * without `--server` — the local database, which is how the first admin is made.
 */
export function usersCommand(): Command {
  const command = new Command("users").description("user accounts (admins)");

  command.addCommand(
    withApiOptions(new Command("list").description("list users"))
      .option("--json", "print JSON")
      .action(
        action(async (flags: ApiFlags & { json?: boolean }) => {
          const page = await withApi(flags, (api) => api.call(users.list));
          printResult(flags, page, () => page.items.map(line));
          return EXIT.ok;
        }),
      ),
  );

  command.addCommand(
    withApiOptions(new Command("create").description("create a user (the first one: --admin)"))
      .requiredOption("--email <email>", "e-mail address (the sign-in name)")
      .requiredOption("--name <name>", "display name")
      .option("--admin", "make an admin (same as --role admin)")
      .addOption(new Option("--role <role>", "admin, responder or observer").choices(ROLES))
      .option("--person <id>", "the plan team person this user is")
      .option("--password-stdin", "read the password from standard input")
      .option("--no-password", "no password: the account only holds API tokens")
      .option("--json", "print JSON")
      .action(
        action(async (flags) => {
          if (flags.admin && flags.role && flags.role !== "admin")
            throw invalidInput("--admin and --role disagree");
          const role = flags.admin ? "admin" : (flags.role ?? "responder");
          const password =
            flags.password === false
              ? undefined
              : await readPassword(flags.passwordStdin, `Password for ${flags.email}: `);
          const user = await withApi(flags, (api) =>
            api.call(users.create, {
              body: {
                email: flags.email,
                name: flags.name,
                role,
                person_id: flags.person ?? null,
                ...(password === undefined ? {} : { password }),
              },
            }),
          );
          printResult(flags, user, () => `created ${user.role} ${user.email} (${user.id})`);
          return EXIT.ok;
        }),
      ),
  );

  for (const [name, disabled] of [
    ["disable", true],
    ["enable", false],
  ] as const)
    command.addCommand(
      withApiOptions(
        new Command(name).description(
          disabled ? "disable a user: sessions end, tokens stop working" : "enable a user again",
        ),
      )
        .argument("<user>", "e-mail address or id")
        .option("--json", "print JSON")
        .action(
          action(async (ref: string, flags: ApiFlags & { json?: boolean }) => {
            const user = await withApi(flags, (api) =>
              api.call(users.update, { params: { id: ref }, body: { disabled } }),
            );
            printResult(
              flags,
              user,
              () => `${user.email} is ${user.disabled ? "disabled" : "enabled"}`,
            );
            return EXIT.ok;
          }),
        ),
    );
  return command;
}
