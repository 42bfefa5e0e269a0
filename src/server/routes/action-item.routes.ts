import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  addActionItem,
  getActionItem,
  updateActionItem,
} from "../../postincident/action-item.service.js";
import { listActionItems, updateFollowUpTask } from "../../postincident/action-list.js";
import { getLessons, proposalsFor, recordLessons } from "../../postincident/lessons.service.js";
import type { ActionStatus } from "../../postincident/postincident.types.js";
import { searchLessons } from "../../postincident/search.service.js";
import type { Runtime } from "../../runtime.js";
import { requestActor } from "../request-actor.js";
import {
  ActionItemPatchBody,
  ActionItemSchema,
  ActionItemViewSchema,
  ActionListQuery,
  LessonsBody,
  LessonsSchema,
  NewActionItemBody,
  ProposalViewSchema,
  SearchHitSchema,
} from "./postincident.schemas.js";
import { expectedVersion, IfMatch } from "./route-helpers.js";

const tags = ["post-incident"];
const IncidentParams = z.object({ id: z.string().describe("incident id or human id") });
const ItemParams = z.object({
  id: z.string().describe("ACT-2026-0001, its id, or task:<task id>"),
});

const list = (v: string | undefined) =>
  v
    ? v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;

/** Action items across incidents, lessons-learned reviews, change proposals, and lessons search. */
export const actionItemRoutes =
  (rt: Runtime): FastifyPluginAsyncZod =>
  async (app) => {
    const read = { permission: "incidents:read" as const };
    const write = { permission: "incidents:write" as const };

    app.get(
      "/action-items",
      {
        config: read,
        schema: {
          tags,
          description:
            "Action items and follow-up tasks of closed incidents, soonest due first; ?overdue=true for the overdue ones.",
          querystring: ActionListQuery,
          response: {
            200: z.object({ items: z.array(ActionItemViewSchema), next_cursor: z.null() }),
          },
        },
      },
      async (req) => {
        const q = req.query;
        const items = await listActionItems(rt, {
          overdue: q.overdue === "true",
          owner: q.owner,
          status: list(q.status) as ActionStatus[] | undefined,
          incident: q.incident,
          problem: q.problem,
          rca: q.rca,
          items_only: q.items_only === "true",
          limit: q.limit,
          viewer: requestActor(req),
        });
        return { items, next_cursor: null };
      },
    );

    app.post(
      "/action-items",
      {
        config: write,
        schema: { tags, body: NewActionItemBody, response: { 201: ActionItemSchema } },
      },
      async (req, reply) => {
        return reply.status(201).send(await addActionItem(rt, req.body, requestActor(req)));
      },
    );

    app.get(
      "/action-items/:id",
      { config: read, schema: { tags, params: ItemParams, response: { 200: ActionItemSchema } } },
      async (req, reply) => {
        const item = await getActionItem(rt, req.params.id, requestActor(req));
        reply.header("etag", `"${item.version}"`);
        return item;
      },
    );

    app.patch(
      "/action-items/:id",
      {
        config: write,
        schema: {
          tags,
          description:
            "Status (done needs `verification`, cancelled needs `cancel_reason`), owner, due date. A `task:<id>` works the follow-up task of a closed incident.",
          params: ItemParams,
          headers: IfMatch,
          body: ActionItemPatchBody,
          response: { 200: z.union([ActionItemSchema, ActionItemViewSchema]) },
        },
      },
      async (req) => {
        const actor = requestActor(req);
        if (req.params.id.startsWith("task:")) {
          const taskId = req.params.id.slice(5);
          return updateFollowUpTask(rt, taskId, req.body, actor);
        }
        return updateActionItem(rt, req.params.id, req.body, actor, expectedVersion(req.headers));
      },
    );

    app.get(
      "/incidents/:id/lessons",
      { config: read, schema: { tags, params: IncidentParams, response: { 200: LessonsSchema } } },
      async (req, reply) => {
        const review = await getLessons(rt, req.params.id, requestActor(req));
        reply.header("etag", `"${review.version}"`);
        return review;
      },
    );

    app.put(
      "/incidents/:id/lessons",
      {
        config: write,
        schema: {
          tags,
          description:
            "Records or revises the lessons-learned review. Each change proposal must point at a step or section of the plan or procedure version it names (default: the incident's pinned one).",
          params: IncidentParams,
          headers: IfMatch,
          body: LessonsBody,
          response: { 200: LessonsSchema },
        },
      },
      async (req) =>
        recordLessons(rt, req.params.id, req.body, requestActor(req), expectedVersion(req.headers)),
    );

    app.get(
      "/change-proposals",
      {
        config: read,
        schema: {
          tags,
          description:
            "Every lessons-learned change proposal against a plan or procedure: input for its next version.",
          querystring: z.object({ kind: z.enum(["plan", "procedure"]), id: z.string() }),
          response: {
            200: z.object({ items: z.array(ProposalViewSchema), next_cursor: z.null() }),
          },
        },
      },
      async (req) => ({
        items: await proposalsFor(rt, req.query.kind, req.query.id, requestActor(req)),
        next_cursor: null,
      }),
    );

    app.get(
      "/search/lessons",
      {
        config: read,
        schema: {
          tags,
          description:
            "Has this happened before? Past lessons-learned reviews and root causes, best match first (exercises left out).",
          querystring: z.object({
            q: z.string(),
            limit: z.coerce.number().int().min(1).max(100).default(20),
          }),
          response: {
            200: z.object({
              query: z.string(),
              terms: z.array(z.string()),
              items: z.array(SearchHitSchema),
            }),
          },
        },
      },
      async (req) => searchLessons(rt, req.query.q, req.query.limit, requestActor(req)),
    );
  };
