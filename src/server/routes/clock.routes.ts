import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  incidentClocks,
  listClocks,
  recordClockNotification,
  stopClock,
} from "../../compliance/clock.service.js";
import { clocks } from "../../contract/clocks.js";
import { CLOCK_STATES, type ClockState } from "../../domain/clock-states.js";
import { invalidInput } from "../../domain/errors.js";
import type { Runtime } from "../../runtime.js";
import { serve } from "../contract-route.js";
import { requestActor } from "../request-actor.js";
import { commaList, expectedVersion } from "./route-helpers.js";

function states(text: string | undefined): ClockState[] | undefined {
  const list = commaList(text);
  if (!list) return undefined;
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
    const tags = ["clocks"];
    const read = { tags, config: { permission: "incidents:read" as const } };
    const write = { tags, config: { permission: "incidents:write" as const } };

    serve(app, clocks.ofIncident, read, async (req) => ({
      items: (await incidentClocks(rt, req.params.id, requestActor(req))).clocks,
      next_cursor: null,
    }));

    serve(app, clocks.recordNotification, write, async (req) =>
      recordClockNotification(
        rt,
        req.params.id,
        req.params.obligationId,
        req.body,
        requestActor(req),
        expectedVersion(req.headers),
      ),
    );

    serve(app, clocks.stop, write, async (req) =>
      stopClock(
        rt,
        req.params.id,
        req.params.obligationId,
        req.body,
        requestActor(req),
        expectedVersion(req.headers),
      ),
    );

    serve(app, clocks.list, read, async (req) => ({
      items: await listClocks(rt, {
        states: states(req.query.state),
        exercise: req.query.exercise === "true",
        viewer: requestActor(req),
      }),
      next_cursor: null,
    }));
  };
