import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  incidentClocks,
  listClocks,
  recordClockNotification,
  stopClock,
} from "../../compliance/clock.service.js";
import type { ClockState } from "../../compliance/clocks.js";
import { invalidInput } from "../../domain/errors.js";
import type { Runtime } from "../../runtime.js";
import { requestActor } from "../request-actor.js";
import {
  CLOCK_STATES,
  ClockListQuery,
  ClockNotificationBody,
  ClockSchema,
  ClockStopBody,
} from "./comms.schemas.js";
import { expectedVersion, IfMatch } from "./route-helpers.js";

const Params = z.object({ id: z.string().describe("incident id or human id") });
const ObligationParams = Params.extend({ obligationId: z.string() });
const tags = ["clocks"];
const List = z.object({ items: z.array(ClockSchema), next_cursor: z.null() });

function states(text: string | undefined): ClockState[] | undefined {
  if (!text) return undefined;
  const list = text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = list.filter((s) => !(CLOCK_STATES as readonly string[]).includes(s));
  if (bad.length > 0)
    throw invalidInput(`unknown clock state ${bad.join(", ")}; use ${CLOCK_STATES.join(", ")}`, [
      { message: "unknown state", path: "state" },
    ]);
  return list as ClockState[];
}

/** Regulatory clocks: per incident, across incidents, and recording notifications and stops. */
export const clockRoutes =
  (rt: Runtime): FastifyPluginAsyncZod =>
  async (app) => {
    const read = { permission: "incidents:read" as const };
    const write = { permission: "incidents:write" as const };

    app.get(
      "/incidents/:id/clocks",
      {
        config: read,
        schema: {
          tags,
          description:
            "Every obligation of the incident's plan as a clock; `state: overdue` when a deadline is past due and unmet.",
          params: Params,
          response: { 200: List },
        },
      },
      async (req) => ({
        items: (await incidentClocks(rt, req.params.id, requestActor(req))).clocks,
        next_cursor: null,
      }),
    );

    app.post(
      "/incidents/:id/clocks/:obligationId/notifications",
      {
        config: write,
        schema: {
          tags,
          description: "Record the notification that meets a deadline (to whom, when, reference).",
          params: ObligationParams,
          headers: IfMatch,
          body: ClockNotificationBody,
          response: { 201: ClockSchema },
        },
      },
      async (req, reply) =>
        reply
          .status(201)
          .send(
            await recordClockNotification(
              rt,
              req.params.id,
              req.params.obligationId,
              req.body,
              requestActor(req),
              expectedVersion(req.headers),
            ),
          ),
    );

    app.post(
      "/incidents/:id/clocks/:obligationId/stop",
      {
        config: write,
        schema: {
          tags,
          description: "Stop a clock for good, with a reason (409 when already stopped).",
          params: ObligationParams,
          headers: IfMatch,
          body: ClockStopBody,
          response: { 200: ClockSchema },
        },
      },
      async (req) =>
        stopClock(
          rt,
          req.params.id,
          req.params.obligationId,
          req.body,
          requestActor(req),
          expectedVersion(req.headers),
        ),
    );

    app.get(
      "/clocks",
      {
        config: read,
        schema: {
          tags,
          description:
            "Clocks across incidents, most urgent first (overdue, due soon, running…); `?state=overdue` for the overdue ones.",
          querystring: ClockListQuery,
          response: { 200: List },
        },
      },
      async (req) => ({
        items: await listClocks(rt, {
          states: states(req.query.state),
          exercise: req.query.exercise === "true",
          viewer: requestActor(req),
        }),
        next_cursor: null,
      }),
    );
  };
