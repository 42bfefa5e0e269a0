import { Command } from "commander";
import { currentSetupCode } from "../../auth/setup.service.js";
import { linkBaseFor } from "../../comms/comms.deps.js";
import { openRuntime } from "../../runtime.js";
import { action, EXIT, printJson, printLine } from "../io.js";
import { configFrom, withDatabaseOptions } from "../options.js";

/**
 * `firebreak setup-code`: the one-time code that creates the first admin at `/setup`, read from
 * (or made in) the local database, for an operator who missed the server's start-up message.
 */
export function setupCodeCommand(): Command {
  return withDatabaseOptions(
    new Command("setup-code").description(
      "print the one-time setup code that creates the first admin in the browser (while no user exists)",
    ),
  )
    .option(
      "--public-url <url>",
      "URL people reach the server at (env FIREBREAK_PUBLIC_URL), for the address printed",
    )
    .option("--json", "print JSON")
    .action(
      action(async (flags) => {
        const config = configFrom(flags);
        const rt = await openRuntime(config);
        try {
          const code = await currentSetupCode(rt);
          if (!code) {
            process.stderr.write(
              "setup is done: users exist. Sign in, or create users with `firebreak users create`\n",
            );
            return EXIT.failed;
          }
          const url = `${linkBaseFor(config)}/setup`;
          if (flags.json) printJson({ code, url });
          else
            printLine(`Setup code: ${code}\nOpen ${url} and enter it to create the first admin.`);
          return EXIT.ok;
        } finally {
          await rt.close();
        }
      }),
    );
}
