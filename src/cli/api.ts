import type { Command } from "commander";
import { Option } from "commander";
import type { FastifyInstance } from "fastify";
import {
  type ApiError,
  type Client,
  createClient,
  fetchTransport,
  type Transport,
} from "../client/client.js";
import { storedCredential } from "./credentials.js";
import { EXIT } from "./exit.js";
import { configFrom, withDatabaseOptions } from "./options.js";
import { fetchStreams, injectedStreams, type StreamTransport } from "./stream-transport.js";

/**
 * How CLI commands reach Firebreak: the HTTP API of a running server (`--server`, env
 * FIREBREAK_URL, with `--token`/FIREBREAK_TOKEN), or — with no server given — the same API
 * served in-process over the local database (`app.inject`). One code path either way: every
 * command calls an endpoint of `contract/` through the typed client and gets problem+json back
 * on failure (`ApiError`).
 */
export interface Api extends Client {
  /** For bodies that are streams (evidence files), which the typed client would hold whole. */
  streams: StreamTransport;
  close(): Promise<void>;
}

/** 4xx that mean "you asked for something wrong" exit 2; refusals of a valid request exit 1. */
export function exitCodeFor(error: ApiError): number {
  return [400, 404, 413, 415, 422].includes(error.status) ? EXIT.usage : EXIT.failed;
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

export async function connect(flags: ApiFlags): Promise<Api> {
  if (flags.server) {
    const base = flags.server.replace(/\/$/, "");
    // Without --token, the token `firebreak login` kept for this server.
    const token = flags.token || storedCredential(base)?.token;
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    const transport = fetchTransport(base, { headers });
    return {
      ...createClient(transport),
      streams: fetchStreams(base, headers),
      close: async () => {},
    };
  }
  // The server's modules, most of what a command loads, only for the local database: a command
  // talking to a running server starts without them.
  const [{ loadLibraryIfEmpty, openRuntime }, { buildApp }] = await Promise.all([
    import("../runtime.js"),
    import("../server/app.js"),
  ]);
  const rt = await openRuntime(configFrom({ ...flags, logLevel: "silent" }));
  await loadLibraryIfEmpty(rt);
  const app = await buildApp(rt, { logger: false, auth: "trust-local" });
  const api = injectedApi(app);
  return {
    ...api,
    close: async () => {
      await app.close();
      await rt.close();
    },
  };
}

/** The API of an app built in this process, called through `app.inject` (no socket). */
export function injectedApi(app: FastifyInstance): Client & { streams: StreamTransport } {
  const transport: Transport = async ({ method, url, headers, body }) => {
    const res = await app.inject({ method, url, headers, payload: body });
    return {
      status: res.statusCode,
      contentType: String(res.headers["content-type"] ?? ""),
      text: res.body,
      headers: Object.fromEntries(
        Object.entries(res.headers).map(([name, value]) => [name, String(value)]),
      ),
    };
  };
  return { ...createClient(transport), streams: injectedStreams(app) };
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
