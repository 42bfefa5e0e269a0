import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
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
import { requestActor } from "../request-actor.js";
import {
  ActionItemSchema,
  CauseBody,
  CausePatchBody,
  CauseSchema,
  RcaActionItemBody,
  RcaSchema,
  RootCauseBody,
  ScopeBody,
  SolutionBody,
  StartRcaBody,
} from "./postincident.schemas.js";
import { expectedVersion } from "./route-helpers.js";

const tags = ["post-incident"];
const Params = z.object({ id: z.string().describe("RCA id or human id such as RCA-2026-0001") });
const CauseParams = Params.extend({ causeId: z.string() });
const IfMatch = z.object({
  "if-match": z.string().optional().describe("the RCA version the change was made on"),
});

/**
 * Root-cause analysis in its four steps: scope, causal relationships ("why" links with evidence
 * and contributing factors, then the root cause), the solution, and its action items.
 */
export const rcaRoutes =
  (rt: Runtime): FastifyPluginAsyncZod =>
  async (app) => {
    const read = { permission: "incidents:read" as const };
    const write = { permission: "incidents:write" as const };

    app.post(
      "/rcas",
      { config: write, schema: { tags, body: StartRcaBody, response: { 201: RcaSchema } } },
      async (req, reply) => reply.status(201).send(await startRca(rt, req.body, requestActor(req))),
    );

    app.get(
      "/rcas",
      {
        config: read,
        schema: {
          tags,
          querystring: z.object({
            incident: z.string().optional(),
            problem: z.string().optional(),
          }),
          response: { 200: z.object({ items: z.array(RcaSchema), next_cursor: z.null() }) },
        },
      },
      async (req) => ({
        items: await listRcas(rt, req.query, requestActor(req)),
        next_cursor: null,
      }),
    );

    app.get(
      "/incidents/:id/rcas",
      {
        config: read,
        schema: {
          tags,
          params: z.object({ id: z.string() }),
          response: { 200: z.object({ items: z.array(RcaSchema), next_cursor: z.null() }) },
        },
      },
      async (req) => {
        // An unknown incident is a 404, as a restricted one is to a non-participant.
        await getIncident(rt, req.params.id, requestActor(req));
        return {
          items: await listRcas(rt, { incident: req.params.id }, requestActor(req)),
          next_cursor: null,
        };
      },
    );

    app.get(
      "/rcas/:id",
      { config: read, schema: { tags, params: Params, response: { 200: RcaSchema } } },
      async (req, reply) => {
        const rca = await getRca(rt, req.params.id, requestActor(req));
        reply.header("etag", `"${rca.version}"`);
        return rca;
      },
    );

    app.put(
      "/rcas/:id/scope",
      {
        config: write,
        schema: {
          tags,
          params: Params,
          headers: IfMatch,
          body: ScopeBody,
          response: { 200: RcaSchema },
        },
      },
      async (req) => {
        return updateScope(
          rt,
          req.params.id,
          req.body,
          requestActor(req),
          expectedVersion(req.headers),
        );
      },
    );

    app.post(
      "/rcas/:id/causes",
      {
        config: write,
        schema: {
          tags,
          description: 'Step 2: a "why" link; evidence must be recorded on an incident in scope.',
          params: Params,
          headers: IfMatch,
          body: CauseBody,
          response: { 201: z.object({ rca: RcaSchema, cause: CauseSchema }) },
        },
      },
      async (req, reply) => {
        return reply
          .status(201)
          .send(
            await addCause(
              rt,
              req.params.id,
              req.body,
              requestActor(req),
              expectedVersion(req.headers),
            ),
          );
      },
    );

    app.patch(
      "/rcas/:id/causes/:causeId",
      {
        config: write,
        schema: {
          tags,
          params: CauseParams,
          headers: IfMatch,
          body: CausePatchBody,
          response: { 200: RcaSchema },
        },
      },
      async (req) => {
        return updateCause(
          rt,
          req.params.id,
          req.params.causeId,
          req.body,
          requestActor(req),
          expectedVersion(req.headers),
        );
      },
    );

    app.delete(
      "/rcas/:id/causes/:causeId",
      {
        config: write,
        schema: { tags, params: CauseParams, headers: IfMatch, response: { 200: RcaSchema } },
      },
      async (req) => {
        return removeCause(
          rt,
          req.params.id,
          req.params.causeId,
          requestActor(req),
          expectedVersion(req.headers),
        );
      },
    );

    app.post(
      "/rcas/:id/root-cause",
      {
        config: write,
        schema: {
          tags,
          description: "Names the root cause; linked open problems become known errors with it.",
          params: Params,
          headers: IfMatch,
          body: RootCauseBody,
          response: { 200: z.object({ rca: RcaSchema, problems_updated: z.array(z.string()) }) },
        },
      },
      async (req) => {
        return identifyRootCause(
          rt,
          req.params.id,
          req.body,
          requestActor(req),
          expectedVersion(req.headers),
        );
      },
    );

    app.put(
      "/rcas/:id/solution",
      {
        config: write,
        schema: {
          tags,
          params: Params,
          headers: IfMatch,
          body: SolutionBody,
          response: { 200: RcaSchema },
        },
      },
      async (req) => {
        return setSolution(
          rt,
          req.params.id,
          req.body,
          requestActor(req),
          expectedVersion(req.headers),
        );
      },
    );

    app.post(
      "/rcas/:id/action-items",
      {
        config: write,
        schema: {
          tags,
          description: "Step 4: an action item implementing the solution (owner, due date).",
          params: Params,
          body: RcaActionItemBody,
          response: { 201: ActionItemSchema },
        },
      },
      async (req, reply) => {
        // A missing RCA and a hidden one answer the same 404 before the body is looked at.
        await getRca(rt, req.params.id, requestActor(req));
        return reply
          .status(201)
          .send(await addActionItem(rt, { ...req.body, rca: req.params.id }, requestActor(req)));
      },
    );
  };
