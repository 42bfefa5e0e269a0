import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { listAssets, upsertAssets } from "../../response/asset.service.js";
import type { Runtime } from "../../runtime.js";
import { requestActor } from "../request-actor.js";
import { AssetSchema, AssetsBody, IncidentParams } from "./incident-extras.schemas.js";
import { expectedVersion, IfMatch } from "./route-helpers.js";

const tags = ["assets"];
const AssetList = z.object({ items: z.array(AssetSchema), next_cursor: z.null() });

/** An incident's affected assets and their compromise status. */
export const assetRoutes =
  (rt: Runtime): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/incidents/:id/assets",
      {
        config: { permission: "incidents:read" },
        schema: { tags, params: IncidentParams, response: { 200: AssetList } },
      },
      async (req) => ({
        items: await listAssets(rt, req.params.id, requestActor(req)),
        next_cursor: null,
      }),
    );

    app.put(
      "/incidents/:id/assets",
      {
        config: { permission: "incidents:write" },
        schema: {
          tags,
          description:
            "Adds or updates assets by name (case-insensitive); assets not listed stay as they are. Each change is an asset.updated timeline entry. Answers every asset of the incident.",
          params: IncidentParams,
          headers: IfMatch,
          body: AssetsBody,
          response: { 200: AssetList },
        },
      },
      async (req) => ({
        items: await upsertAssets(
          rt,
          req.params.id,
          req.body.assets,
          requestActor(req),
          expectedVersion(req.headers),
        ),
        next_cursor: null,
      }),
    );
  };
