import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { indicators } from "../../contract/indicators.js";
import {
  addIndicator,
  addIndicators,
  findIndicator,
  listIndicators,
} from "../../response/indicator.service.js";
import type { Runtime } from "../../runtime.js";
import { serve } from "../contract-route.js";
import { requestActor } from "../request-actor.js";
import { expectedVersion } from "./route-helpers.js";

/** Indicators of compromise on an incident, and the cross-incident "seen before?" lookup. */
export const indicatorRoutes =
  (rt: Runtime): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ["indicators"];
    const read = { tags, config: { permission: "incidents:read" as const } };
    const write = { tags, config: { permission: "incidents:write" as const } };

    serve(app, indicators.list, read, async (req) => ({
      items: await listIndicators(rt, req.params.id, requestActor(req)),
      next_cursor: null,
    }));

    // Two success statuses (201 added, 200 already there), which `serve` cannot register: the
    // route is declared here from the endpoint's schemas.
    const add = indicators.add;
    app.post(
      add.path,
      {
        config: write.config,
        schema: {
          tags,
          description: add.description,
          params: add.params,
          headers: add.headers,
          body: add.body,
          response: { 200: add.response, 201: add.response },
        },
      },
      async (req, reply) => {
        const { indicator, created } = await addIndicator(
          rt,
          req.params.id,
          req.body,
          requestActor(req),
          expectedVersion(req.headers),
        );
        return reply.status(created ? 201 : 200).send({ ...indicator, created });
      },
    );

    serve(app, indicators.addMany, write, async (req) => {
      const added = await addIndicators(
        rt,
        req.params.id,
        req.body.items,
        requestActor(req),
        expectedVersion(req.headers),
      );
      return {
        items: added.map(({ indicator, created }) => ({ ...indicator, created })),
        next_cursor: null,
      };
    });

    serve(app, indicators.lookup, read, async (req) => {
      const { value, type, exercise, limit } = req.query;
      const found = await findIndicator(rt, value, {
        viewer: requestActor(req),
        type,
        exercise: exercise === "true",
        limit,
      });
      return {
        query: found.query,
        readings: found.readings,
        items: found.sightings,
        next_cursor: null,
      };
    });
  };
