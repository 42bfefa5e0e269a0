import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  getProblem,
  linkIncidents,
  listProblems,
  openProblem,
  transitionProblem,
} from "../../response/problem.service.js";
import type { ProblemState } from "../../response/problem.types.js";
import type { Runtime } from "../../runtime.js";
import { requestActor } from "../request-actor.js";
import {
  LinkBody,
  OpenProblemBody,
  ProblemListQuery,
  ProblemSchema,
  ProblemWithIncidentsSchema,
  TransitionBody,
} from "./incident-extras.schemas.js";
import { commaList, expectedVersion, IfMatch } from "./route-helpers.js";

const tags = ["problems"];
const Params = z.object({
  id: z.string().describe("problem id or human id such as PRB-2026-0001"),
});

/** Problems: the causes behind incidents, from open to known error to resolved. */
export const problemRoutes =
  (rt: Runtime): FastifyPluginAsyncZod =>
  async (app) => {
    const read = { permission: "incidents:read" as const };
    const write = { permission: "incidents:write" as const };

    app.get(
      "/problems",
      {
        config: read,
        schema: {
          tags,
          querystring: ProblemListQuery,
          response: {
            200: z.object({ items: z.array(ProblemSchema), next_cursor: z.string().nullable() }),
          },
        },
      },
      async (req) => {
        const q = req.query;
        const state = commaList(q.state) as ProblemState[] | undefined;
        return listProblems(
          rt,
          { state, incident: q.incident, q: q.q },
          q.limit,
          q.cursor,
          requestActor(req),
        );
      },
    );

    app.post(
      "/problems",
      {
        config: write,
        schema: {
          tags,
          description: "Opens a problem (cause unknown), optionally linked to incidents.",
          body: OpenProblemBody,
          response: { 201: ProblemWithIncidentsSchema },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await openProblem(rt, req.body, requestActor(req))),
    );

    app.get(
      "/problems/:id",
      {
        config: read,
        schema: { tags, params: Params, response: { 200: ProblemWithIncidentsSchema } },
      },
      async (req, reply) => {
        const problem = await getProblem(rt, req.params.id, requestActor(req));
        reply.header("etag", `"${problem.version}"`);
        return problem;
      },
    );

    app.post(
      "/problems/:id/incidents",
      {
        config: write,
        schema: {
          tags,
          description:
            "Links incidents to the problem; each newly linked incident's timeline records it.",
          params: Params,
          headers: IfMatch,
          body: LinkBody,
          response: { 200: ProblemWithIncidentsSchema },
        },
      },
      async (req) =>
        linkIncidents(
          rt,
          req.params.id,
          req.body.incidents,
          requestActor(req),
          expectedVersion(req.headers),
        ),
    );

    app.post(
      "/problems/:id/transition",
      {
        config: write,
        schema: {
          tags,
          description:
            "open → known_error (cause and workaround required) → resolved (fix and verified_by required). Any other move is refused with 409.",
          params: Params,
          headers: IfMatch,
          body: TransitionBody,
          response: { 200: ProblemWithIncidentsSchema },
        },
      },
      async (req) =>
        transitionProblem(
          rt,
          req.params.id,
          req.body,
          requestActor(req),
          expectedVersion(req.headers),
        ),
    );
  };
