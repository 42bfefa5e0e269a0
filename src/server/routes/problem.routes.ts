import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { problems } from "../../contract/problems.js";
import type { ProblemState } from "../../domain/problem.js";
import {
  getProblem,
  linkIncidents,
  listProblems,
  openProblem,
  transitionProblem,
} from "../../response/problem.service.js";
import type { Runtime } from "../../runtime.js";
import { serve } from "../contract-route.js";
import { requestActor } from "../request-actor.js";
import { commaList, expectedVersion } from "./route-helpers.js";

/** Problems: the causes behind incidents, from open to known error to resolved. */
export const problemRoutes =
  (rt: Runtime): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ["problems"];
    const read = { tags, config: { permission: "incidents:read" as const } };
    const write = { tags, config: { permission: "incidents:write" as const } };

    serve(app, problems.list, read, async (req) => {
      const q = req.query;
      const state = commaList(q.state) as ProblemState[] | undefined;
      return listProblems(
        rt,
        { state, incident: q.incident, q: q.q },
        q.limit,
        q.cursor,
        requestActor(req),
      );
    });

    serve(app, problems.open, write, async (req) => openProblem(rt, req.body, requestActor(req)));

    serve(app, problems.get, read, async (req, reply) => {
      const problem = await getProblem(rt, req.params.id, requestActor(req));
      reply.header("etag", `"${problem.version}"`);
      return problem;
    });

    serve(app, problems.link, write, async (req) =>
      linkIncidents(
        rt,
        req.params.id,
        req.body.incidents,
        requestActor(req),
        expectedVersion(req.headers),
      ),
    );

    serve(app, problems.transition, write, async (req) =>
      transitionProblem(
        rt,
        req.params.id,
        req.body,
        requestActor(req),
        expectedVersion(req.headers),
      ),
    );
  };
