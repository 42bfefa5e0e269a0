import { existsSync, statSync } from "node:fs";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyPluginAsync, FastifyReply } from "fastify";
import { DomainError } from "../domain/errors.js";

/** Where `vite build` puts the web interface (from `src/server` and `dist/server` alike). */
export const WEB_DIST = fileURLToPath(new URL("../../web/dist", import.meta.url));

export interface WebOptions {
  /** The built web interface; `WEB_DIST` unless a test says otherwise. */
  root?: string;
}

/**
 * What the browser may do with our pages: scripts and connections only to this origin; inline
 * styles are allowed because components set computed widths and colours in `style`.
 */
const PAGE_HEADERS = {
  "content-security-policy":
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
  "x-frame-options": "DENY",
};

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Firebreak</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; padding: 0 1rem; line-height: 1.5">
<h1>Firebreak</h1>
<p>The web interface has not been built. Run <code>npm run build</code> (or <code>npm start</code>,
which builds it), then reload this page.</p>
<p>The API is available under <a href="/api/v1/openapi.json"><code>/api/v1/</code></a>.</p>
</body></html>
`;

/** A file below `root` for a URL path, or undefined (missing, a folder, or escaping root). */
function fileIn(root: string, urlPath: string): string | undefined {
  if (!urlPath || urlPath.includes("\0")) return undefined;
  const relative = normalize(urlPath).replace(/^([/\\])+/, "");
  if (relative.startsWith("..")) return undefined;
  const full = join(root, relative);
  if (!full.startsWith(root + sep)) return undefined;
  try {
    return statSync(full).isFile() ? relative : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Serves the web interface at `/`: built files as they are (hashed assets cached for good), and
 * `index.html` for every other non-API path so the browser's router can show it (a reload of
 * `/incidents/INC-2026-0001` works). Unknown `/api/` paths stay problem+json 404s. Without a
 * build, pages say how to make one. Every route here is public: the sign-in page must load
 * before anyone is signed in, and the pages hold no data — the API calls they make are checked.
 */
export const webRoutes =
  (options: WebOptions = {}): FastifyPluginAsync =>
  async (app) => {
    const root = normalize(options.root ?? WEB_DIST).replace(/[/\\]+$/, "");
    await app.register(fastifyStatic, { root, serve: false });

    const sendPage = (reply: FastifyReply) => {
      reply.headers(PAGE_HEADERS);
      if (!existsSync(join(root, "index.html")))
        return reply.status(503).type("text/html; charset=utf-8").send(NOT_BUILT);
      return reply
        .header("cache-control", "no-cache")
        .sendFile("index.html", root, { cacheControl: false });
    };

    const route = { config: { permission: "public" as const }, schema: { hide: true } };
    app.get("/", route, async (_req, reply) => sendPage(reply));
    app.get<{ Params: { "*": string } }>("/*", route, async (req, reply) => {
      const path = req.params["*"] ?? "";
      if (path === "api" || path.startsWith("api/"))
        throw new DomainError("not_found", `no route GET /${path}`);
      // Source maps stay on the server's disk (for whoever debugs there): they would hand anyone
      // the whole source, megabytes of it, and no page needs them.
      if (extname(path) === ".map") throw new DomainError("not_found", `no file /${path}`);
      const file = fileIn(root, path);
      if (file) {
        const hashed = file.startsWith(`assets${sep}`) || file.startsWith("assets/");
        if (file === "index.html") return sendPage(reply);
        reply.header("x-content-type-options", "nosniff");
        return reply.sendFile(file, root, hashed ? { immutable: true, maxAge: "365d" } : {});
      }
      // A missing asset is a 404, not the app shell (which would fail to parse as a script).
      if (extname(path) !== "") throw new DomainError("not_found", `no file /${path}`);
      return sendPage(reply);
    });
  };
