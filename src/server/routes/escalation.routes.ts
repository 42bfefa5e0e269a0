import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Runtime } from "../../runtime.js";
import { ackRoutes } from "./ack.routes.js";
import { clockRoutes } from "./clock.routes.js";
import { commsRoutes } from "./comms.routes.js";

/** Escalation and communications: acknowledgement links, status updates, delivery log, clocks. */
export const escalationRoutes =
  (rt: Runtime): FastifyPluginAsyncZod =>
  async (app) => {
    await app.register(ackRoutes(rt));
    await app.register(commsRoutes(rt));
    await app.register(clockRoutes(rt));
  };
