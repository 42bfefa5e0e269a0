import { hostname } from "node:os";
import { Command, Option } from "commander";
import type { ApiToken, User } from "../../auth/identity.types.js";
import { ApiError } from "../../client/client.js";
import { DomainError, invalidInput } from "../../domain/errors.js";
import { credentialsPath, forgetCredential, saveCredential, serverKey } from "../credentials.js";
import { action, EXIT, printJson, printLine } from "../io.js";
import { readPassword } from "../password-input.js";

/** One JSON request to a server; problem+json failures become ApiError. */
async function request<T>(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ body: T; headers: Headers }> {
  const res = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  }).catch((e: Error) => {
    throw new DomainError(
      "invalid_input",
      `cannot reach ${base}: ${(e.cause as Error)?.message ?? e.message}`,
    );
  });
  const text = await res.text();
  const parsed = text ? JSON.parse(text) : undefined;
  if (res.status >= 400)
    throw new ApiError(
      parsed ?? {
        type: "about:blank",
        title: `HTTP ${res.status}`,
        status: res.status,
        detail: "",
      },
    );
  return { body: parsed as T, headers: res.headers };
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
        const signedIn = await request<{ user: User; csrf_token: string }>(
          base,
          "POST",
          "/session",
          { email: flags.email, password },
        );
        const cookie = (signedIn.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
        const session = { cookie, "x-csrf-token": signedIn.body.csrf_token };
        try {
          const scope = signedIn.body.user.role === "observer" ? "read" : "write";
          const created = await request<ApiToken & { token: string }>(
            base,
            "POST",
            "/tokens",
            { name: `cli on ${hostname()}`, scope, expires_in: flags.expires },
            session,
          );
          const t = created.body;
          saveCredential(base, {
            token: t.token,
            token_id: t.id,
            email: signedIn.body.user.email,
            expires_at: t.expires_at,
          });
          const out = {
            server: base,
            email: signedIn.body.user.email,
            scope: t.scope,
            token_id: t.id,
            expires_at: t.expires_at,
            credentials: credentialsPath(),
          };
          if (flags.json) printJson(out);
          else
            printLine(
              `signed in to ${base} as ${out.email}; ${t.scope} token kept in ${out.credentials} until ${t.expires_at}`,
            );
        } finally {
          await request(base, "DELETE", "/session", undefined, session).catch(() => {});
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
        await request(base, "DELETE", `/tokens/${old.token_id}`, undefined, {
          authorization: `Bearer ${old.token}`,
        }).catch(() => {});
        printLine(`logged out of ${base}`);
        return EXIT.ok;
      }),
    );
}
