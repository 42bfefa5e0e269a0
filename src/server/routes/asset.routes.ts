import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { assets } from "../../contract/assets.js";
import { listAssets, upsertAssets } from "../../response/asset.service.js";
import type { Runtime } from "../../runtime.js";
import { serve } from "../contract-route.js";
import { requestActor } from "../request-actor.js";
import { expectedVersion } from "./route-helpers.js";

/** An incident's affected assets and their compromise status. */
export const assetRoutes =
  (rt: Runtime): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ["assets"];

    serve(app, assets.list, { tags, config: { permission: "incidents:read" } }, async (req) => ({
      items: await listAssets(rt, req.params.id, requestActor(req)),
      next_cursor: null,
    }));

    serve(app, assets.put, { tags, config: { permission: "incidents:write" } }, async (req) => ({
      items: await upsertAssets(
        rt,
        req.params.id,
        req.body.assets,
        requestActor(req),
        expectedVersion(req.headers),
      ),
      next_cursor: null,
    }));
  };
