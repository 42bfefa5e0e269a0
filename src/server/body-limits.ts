import type { FastifyInstance } from "fastify";
import { invalidInput } from "../domain/errors.js";
import { checkJsonLimits, findNul, formatJsonPath, MAX_JSON_DEPTH } from "../domain/json-limits.js";

declare module "fastify" {
  interface FastifyContextConfig {
    /**
     * The route measures its own JSON (item by item, so one bad item does not cost the others):
     * the app-wide depth check leaves its body alone.
     */
    ownBodyLimits?: boolean;
  }
}

/**
 * Refuses (400) any JSON body nested deeper than MAX_JSON_DEPTH before validation sees it.
 * Whatever a route does with its body afterwards — zod, canonical JSON for the hash chain,
 * JSON.stringify into the store — recurses per level, and a few thousand levels overflow the
 * stack (a 500). One check here covers every route, including those written later.
 *
 * It also refuses U+0000 (NUL) in the path, the query and the JSON body: PostgreSQL text cannot
 * hold it, so a title, a search or an id with one answered 500 there (SQLite took it). Refused
 * here rather than stripped in the store, because the timeline hashes what the use case was
 * given, and a row that silently differs from its timeline entry would then fail `verify`.
 * Routes with their own body limits (events, the generic webhook) keep NULs out themselves.
 */
export function limitBodyDepth(app: FastifyInstance): void {
  app.addHook("preValidation", async (request) => {
    refuseNul({ params: request.params, query: request.query }, "");
    if (request.routeOptions.config?.ownBodyLimits) return;
    const body: unknown = request.body;
    if (typeof body !== "object" || body === null || Buffer.isBuffer(body)) return;
    const tooMuch = checkJsonLimits(body, MAX_JSON_DEPTH);
    if (tooMuch)
      throw invalidInput(`the body is ${tooMuch.reason}`, [
        { message: tooMuch.reason, path: `body.${formatJsonPath(tooMuch.path)}` },
      ]);
    refuseNul(body, "body.");
  });
}

/** Throws invalid input naming the first key or string under `value` that holds a NUL. */
function refuseNul(value: unknown, prefix: string): void {
  const at = findNul(value);
  if (at) throw nul(`${prefix}${formatJsonPath(at)}`);
}

const nul = (path: string) =>
  invalidInput("text may not contain U+0000 (NUL)", [{ message: "contains U+0000 (NUL)", path }]);
