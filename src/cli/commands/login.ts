import { hostname } from "node:os";
import { Command, Option } from "commander";
import { type Client, createClient, fetchTransport } from "../../client/client.js";
import { session } from "../../contract/session.js";
import { tokens } from "../../contract/tokens.js";
import { invalidInput } from "../../domain/errors.js";
import { credentialsPath, forgetCredential, saveCredential, serverKey } from "../credentials.js";
import { action, EXIT, printLine, printResult } from "../io.js";
import { readPassword } from "../password-input.js";

/**
 * A client that keeps the session cookie its sign-in answered and sends it back, as a browser
 * would; `withCsrf` adds the anti-forgery token that changes made with the cookie need.
 */
function sessionClient(base: string): Client & { withCsrf(token: string): void } {
  const send = fetchTransport(base);
  const kept: Record<string, string> = {};
  const client = createClient(async (request) => {
    const answer = await send({ ...request, headers: { ...request.headers, ...kept } });
    const cookie = answer.headers["set-cookie"]?.split(";")[0];
    if (cookie) kept.cookie = cookie;
    return answer;
  });
  return {
    ...client,
    withCsrf(token) {
      kept["x-csrf-token"] = token;
    },
  };
}

const serverOption = () =>
  new Option("--server <url>", "the Firebreak server (env FIREBREAK_URL)").env("FIREBREAK_URL");

/**
 * `firebreak login --server URL`: signs in with e-mail and password, creates an API token for
 * this machine, keeps it in the user's config folder (0600), and signs the session out again.
 * Later commands with `--server URL` use it when no `--token` is given. `firebreak logout`
 * revokes it and forgets it.
 */
export function loginCommand(): Command {
  return new Command("login")
    .description("sign in to a server and keep an API token for the CLI (0600 in ~/.config)")
    .addOption(serverOption())
    .requiredOption("--email <email>", "your e-mail address")
    .option("--password-stdin", "read the password from standard input")
    .option("--expires <duration>", "how long the CLI's token lives", "P30D")
    .option("--json", "print JSON")
    .action(
      action(async (flags) => {
        if (!flags.server) throw invalidInput("--server (or FIREBREAK_URL) is required");
        const base = serverKey(flags.server);
        const password = await readPassword(flags.passwordStdin, `Password for ${flags.email}: `);
        const api = sessionClient(base);
        const signedIn = await api.call(session.signIn, {
          body: { email: flags.email, password },
        });
        const user = signedIn.user;
        if (!user) throw invalidInput("the server signed no user in");
        api.withCsrf(signedIn.csrf_token ?? "");
        try {
          const scope = user.role === "observer" ? "read" : "write";
          const t = await api.call(tokens.create, {
            body: { name: `cli on ${hostname()}`, scope, expires_in: flags.expires },
          });
          saveCredential(base, {
            token: t.token,
            token_id: t.id,
            email: user.email,
            expires_at: t.expires_at,
          });
          const out = {
            server: base,
            email: user.email,
            scope: t.scope,
            token_id: t.id,
            expires_at: t.expires_at,
            credentials: credentialsPath(),
          };
          printResult(
            flags,
            out,
            () =>
              `signed in to ${base} as ${out.email}; ${t.scope} token kept in ${out.credentials} until ${t.expires_at}`,
          );
        } finally {
          await api.call(session.signOut).catch(() => {});
        }
        return EXIT.ok;
      }),
    );
}

export function logoutCommand(): Command {
  return new Command("logout")
    .description("revoke and forget the CLI's token for a server")
    .addOption(serverOption())
    .action(
      action(async (flags) => {
        if (!flags.server) throw invalidInput("--server (or FIREBREAK_URL) is required");
        const base = serverKey(flags.server);
        const old = forgetCredential(base);
        if (!old) {
          printLine(`not logged in to ${base}`);
          return EXIT.ok;
        }
        const api = createClient(
          fetchTransport(base, { headers: { authorization: `Bearer ${old.token}` } }),
        );
        await api.call(tokens.revoke, { params: { id: old.token_id } }).catch(() => {});
        printLine(`logged out of ${base}`);
        return EXIT.ok;
      }),
    );
}
