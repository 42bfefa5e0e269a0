import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { evidence } from "../../contract/evidence.js";
import {
  addEvidence,
  evidenceView,
  getEvidence,
  listEvidence,
  transferCustody,
} from "../../response/evidence.service.js";
import type { Runtime } from "../../runtime.js";
import { serve } from "../contract-route.js";
import { requestActor } from "../request-actor.js";
import { expectedVersion } from "./route-helpers.js";

/** Evidence items on an incident and their chain of custody. */
export const evidenceRoutes =
  (rt: Runtime): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ["evidence"];
    const read = { tags, config: { permission: "incidents:read" as const } };
    const write = { tags, config: { permission: "incidents:write" as const } };

    serve(app, evidence.list, read, async (req) => ({
      items: await listEvidence(rt, req.params.id, requestActor(req)),
      next_cursor: null,
    }));

    serve(app, evidence.add, write, async (req) =>
      evidenceView(
        rt,
        await addEvidence(
          rt,
          req.params.id,
          req.body,
          requestActor(req),
          expectedVersion(req.headers),
        ),
      ),
    );

    serve(app, evidence.get, read, async (req) =>
      getEvidence(rt, req.params.id, req.params.evidenceId, requestActor(req)),
    );

    serve(app, evidence.transfer, write, async (req) =>
      transferCustody(
        rt,
        req.params.id,
        req.params.evidenceId,
        req.body,
        requestActor(req),
        expectedVersion(req.headers),
      ),
    );
  };
