import type { FastifyInstance } from "fastify";
import { invalidInput } from "../domain/errors.js";
import { checkJsonLimits, formatJsonPath, MAX_JSON_DEPTH } from "../domain/json-limits.js";

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
 */
export function limitBodyDepth(app: FastifyInstance): void {
  app.addHook("preValidation", async (request) => {
    if (request.routeOptions.config?.ownBodyLimits) return;
    const body: unknown = request.body;
    if (typeof body !== "object" || body === null || Buffer.isBuffer(body)) return;
    const tooMuch = checkJsonLimits(body, MAX_JSON_DEPTH);
    if (tooMuch)
      throw invalidInput(`the body is ${tooMuch.reason}`, [
        { message: tooMuch.reason, path: `body.${formatJsonPath(tooMuch.path)}` },
      ]);
  });
}
