import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { INDICATOR_TYPES } from "../../domain/incident/indicator.js";
import {
  addIndicator,
  addIndicators,
  findIndicator,
  listIndicators,
} from "../../response/indicator.service.js";
import type { Runtime } from "../../runtime.js";
import { requestActor } from "../request-actor.js";
import {
  AddedIndicatorSchema,
  IncidentParams,
  IndicatorBody,
  IndicatorSchema,
  SightingSchema,
} from "./incident-extras.schemas.js";
import { expectedVersion, IfMatch } from "./route-helpers.js";

const tags = ["indicators"];

/** Indicators of compromise on an incident, and the cross-incident "seen before?" lookup. */
export const indicatorRoutes =
  (rt: Runtime): FastifyPluginAsyncZod =>
  async (app) => {
    const read = { permission: "incidents:read" as const };
    const write = { permission: "incidents:write" as const };

    app.get(
      "/incidents/:id/indicators",
      {
        config: read,
        schema: {
          tags,
          params: IncidentParams,
          response: { 200: z.object({ items: z.array(IndicatorSchema), next_cursor: z.null() }) },
        },
      },
      async (req) => ({
        items: await listIndicators(rt, req.params.id, requestActor(req)),
        next_cursor: null,
      }),
    );

    app.post(
      "/incidents/:id/indicators",
      {
        config: write,
        schema: {
          tags,
          description:
            "Adds an indicator, validated for its type and stored in canonical form. 201 when added; 200 with created: false when the incident already has it.",
          params: IncidentParams,
          headers: IfMatch,
          body: IndicatorBody,
          response: { 200: AddedIndicatorSchema, 201: AddedIndicatorSchema },
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

    app.post(
      "/incidents/:id/indicators/batch",
      {
        config: write,
        schema: {
          tags,
          description:
            "Adds many indicators at once: all valid ones are added, or — if any is invalid — none (400 naming each).",
          params: IncidentParams,
          headers: IfMatch,
          body: z.strictObject({ items: z.array(IndicatorBody).min(1).max(1000) }),
          response: {
            200: z.object({ items: z.array(AddedIndicatorSchema), next_cursor: z.null() }),
          },
        },
      },
      async (req) => {
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
      },
    );

    app.get(
      "/indicators",
      {
        config: read,
        schema: {
          tags,
          description:
            "Has this been seen before? The incidents carrying an indicator, newest first. Without a type the value is read under every type it fits; defanged values are accepted.",
          querystring: z.object({
            value: z.string().min(1).max(5000),
            type: z.enum(INDICATOR_TYPES).optional(),
            exercise: z.enum(["true", "false"]).optional().describe("include exercises"),
            limit: z.coerce.number().int().min(1).max(500).default(100),
          }),
          response: {
            200: z.object({
              query: z.string(),
              readings: z.array(z.object({ type: z.string(), value: z.string() })),
              items: z.array(SightingSchema),
              next_cursor: z.null(),
            }),
          },
        },
      },
      async (req) => {
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
      },
    );
  };
