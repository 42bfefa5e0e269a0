import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { rcas } from "../../contract/rca.js";
import { addActionItem } from "../../postincident/action-item.service.js";
import {
  addCause,
  getRca,
  identifyRootCause,
  listRcas,
  removeCause,
  setSolution,
  startRca,
  updateCause,
  updateScope,
} from "../../postincident/rca.service.js";
import { getIncident } from "../../response/incident.service.js";
import type { Runtime } from "../../runtime.js";
import { serve } from "../contract-route.js";
import { requestActor } from "../request-actor.js";
import { expectedVersion } from "./route-helpers.js";

/**
 * Root-cause analysis in its four steps: scope, causal relationships ("why" links with evidence
 * and contributing factors, then the root cause), the solution, and its action items.
 */
export const rcaRoutes =
  (rt: Runtime): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ["post-incident"];
    const read = { tags, config: { permission: "incidents:read" as const } };
    const write = { tags, config: { permission: "incidents:write" as const } };

    serve(app, rcas.start, write, async (req) => startRca(rt, req.body, requestActor(req)));

    serve(app, rcas.list, read, async (req) => ({
      items: await listRcas(rt, req.query, requestActor(req)),
      next_cursor: null,
    }));

    serve(app, rcas.ofIncident, read, async (req) => {
      // An unknown incident is a 404, as a restricted one is to a non-participant.
      await getIncident(rt, req.params.id, requestActor(req));
      return {
        items: await listRcas(rt, { incident: req.params.id }, requestActor(req)),
        next_cursor: null,
      };
    });

    serve(app, rcas.get, read, async (req, reply) => {
      const rca = await getRca(rt, req.params.id, requestActor(req));
      reply.header("etag", `"${rca.version}"`);
      return rca;
    });

    serve(app, rcas.updateScope, write, async (req) =>
      updateScope(rt, req.params.id, req.body, requestActor(req), expectedVersion(req.headers)),
    );

    serve(app, rcas.addCause, write, async (req) =>
      addCause(rt, req.params.id, req.body, requestActor(req), expectedVersion(req.headers)),
    );

    serve(app, rcas.updateCause, write, async (req) =>
      updateCause(
        rt,
        req.params.id,
        req.params.causeId,
        req.body,
        requestActor(req),
        expectedVersion(req.headers),
      ),
    );

    serve(app, rcas.removeCause, write, async (req) =>
      removeCause(
        rt,
        req.params.id,
        req.params.causeId,
        requestActor(req),
        expectedVersion(req.headers),
      ),
    );

    serve(app, rcas.identifyRootCause, write, async (req) =>
      identifyRootCause(
        rt,
        req.params.id,
        req.body,
        requestActor(req),
        expectedVersion(req.headers),
      ),
    );

    serve(app, rcas.setSolution, write, async (req) =>
      setSolution(rt, req.params.id, req.body, requestActor(req), expectedVersion(req.headers)),
    );

    serve(app, rcas.addActionItem, write, async (req) => {
      // A missing RCA and a hidden one answer the same 404 before the body is looked at.
      await getRca(rt, req.params.id, requestActor(req));
      return addActionItem(rt, { ...req.body, rca: req.params.id }, requestActor(req));
    });
  };
