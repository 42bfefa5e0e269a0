import type { Command } from "commander";
import { Option } from "commander";
import { DomainError, type ErrorDetail } from "../domain/errors.js";
import { loadLibraryIfEmpty, openRuntime } from "../runtime.js";
import { buildApp } from "../server/app.js";
import { storedCredential } from "./credentials.js";
import { EXIT } from "./exit.js";
import { configFrom, withDatabaseOptions } from "./options.js";

/**
 * How CLI commands reach Firebreak: the HTTP API of a running server (`--server`, env
 * FIREBREAK_URL, with `--token`/FIREBREAK_TOKEN), or — with no server given — the same API
 * served in-process over the local database. One code path either way: every command speaks
 * HTTP and gets problem+json back on failure.
 */
export interface Api {
  call<T = unknown>(
    method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE",
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<T>;
  close(): Promise<void>;
}

/** A failed API call, carrying the problem document. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: {
      title?: string;
      detail?: string;
      errors?: ErrorDetail[];
      [k: string]: unknown;
    },
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
  }

  /** 4xx that mean "you asked for something wrong" exit 2; refusals of a valid request exit 1. */
  get exitCode(): number {
    return [400, 404, 413, 415, 422].includes(this.status) ? EXIT.usage : EXIT.failed;
  }
}

export interface ApiFlags {
  server?: string;
  token?: string;
  dataDir?: string;
  databaseUrl?: string;
  library?: string[];
}

/** Adds the options that choose between a server and the local database. */
export function withApiOptions(cmd: Command): Command {
  return withDatabaseOptions(cmd)
    .addOption(
      new Option(
        "--server <url>",
        "a running Firebreak server (env FIREBREAK_URL); default: the local database",
      ).env("FIREBREAK_URL"),
    )
    .addOption(
      new Option(
        "--token <token>",
        "API token for --server (env FIREBREAK_TOKEN; default: the one `firebreak login` kept)",
      ).env("FIREBREAK_TOKEN"),
    );
}

async function parse(status: number, text: string): Promise<unknown> {
  const body = text ? JSON.parse(text) : undefined;
  if (status >= 400) throw new ApiError(status, (body ?? {}) as ApiError["problem"]);
  return body;
}

export async function connect(flags: ApiFlags): Promise<Api> {
  if (flags.server) {
    const base = flags.server.replace(/\/$/, "");
    // Without --token, the token `firebreak login` kept for this server.
    const token = flags.token || storedCredential(base)?.token;
    return {
      async call(method, path, body, headers = {}) {
        const res = await fetch(`${base}/api/v1${path}`, {
          method,
          headers: {
            ...(body !== undefined ? { "content-type": "application/json" } : {}),
            ...(token ? { authorization: `Bearer ${token}` } : {}),
            ...headers,
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        }).catch((e: Error) => {
          throw new DomainError(
            "invalid_input",
            `cannot reach ${base}: ${(e.cause as Error)?.message ?? e.message}`,
          );
        });
        return (await parse(res.status, await res.text())) as never;
      },
      close: async () => {},
    };
  }
  const rt = await openRuntime(configFrom({ ...flags, logLevel: "silent" }));
  await loadLibraryIfEmpty(rt);
  const app = await buildApp(rt, { logger: false, auth: "trust-local" });
  return {
    async call(method, path, body, headers = {}) {
      const res = await app.inject({
        method,
        url: `/api/v1${path}`,
        payload: body as object | undefined,
        headers,
      });
      return (await parse(res.statusCode, res.body)) as never;
    },
    close: async () => {
      await app.close();
      await rt.close();
    },
  };
}

/** Opens the API, runs the command's work, and always closes it. */
export async function withApi<T>(flags: ApiFlags, work: (api: Api) => Promise<T>): Promise<T> {
  const api = await connect(flags);
  try {
    return await work(api);
  } finally {
    await api.close();
  }
}
