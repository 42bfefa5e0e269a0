import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { actionItems } from "../../contract/action-items.js";
import { lessons } from "../../contract/lessons.js";
import type { ActionStatus } from "../../domain/post-incident-states.js";
import {
  addActionItem,
  getActionItem,
  updateActionItem,
} from "../../postincident/action-item.service.js";
import { listActionItems, updateFollowUpTask } from "../../postincident/action-list.js";
import { getLessons, proposalsFor, recordLessons } from "../../postincident/lessons.service.js";
import { searchLessons } from "../../postincident/search.service.js";
import type { Runtime } from "../../runtime.js";
import { serve } from "../contract-route.js";
import { requestActor } from "../request-actor.js";
import { commaList, expectedVersion } from "./route-helpers.js";

/** Action items across incidents, lessons-learned reviews, change proposals, and lessons search. */
export const actionItemRoutes =
  (rt: Runtime): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ["post-incident"];
    const read = { tags, config: { permission: "incidents:read" as const } };
    const write = { tags, config: { permission: "incidents:write" as const } };

    serve(app, actionItems.list, read, async (req) => {
      const q = req.query;
      const items = await listActionItems(rt, {
        overdue: q.overdue === "true",
        owner: q.owner,
        status: commaList(q.status) as ActionStatus[] | undefined,
        incident: q.incident,
        problem: q.problem,
        rca: q.rca,
        items_only: q.items_only === "true",
        limit: q.limit,
        viewer: requestActor(req),
      });
      return { items, next_cursor: null };
    });

    serve(app, actionItems.add, write, async (req) =>
      addActionItem(rt, req.body, requestActor(req)),
    );

    serve(app, actionItems.get, read, async (req, reply) => {
      const item = await getActionItem(rt, req.params.id, requestActor(req));
      reply.header("etag", `"${item.version}"`);
      return item;
    });

    serve(app, actionItems.update, write, async (req) => {
      const actor = requestActor(req);
      if (req.params.id.startsWith("task:")) {
        const taskId = req.params.id.slice(5);
        return updateFollowUpTask(rt, taskId, req.body, actor);
      }
      return updateActionItem(rt, req.params.id, req.body, actor, expectedVersion(req.headers));
    });

    serve(app, lessons.get, read, async (req, reply) => {
      const review = await getLessons(rt, req.params.id, requestActor(req));
      reply.header("etag", `"${review.version}"`);
      return review;
    });

    serve(app, lessons.record, write, async (req) =>
      recordLessons(rt, req.params.id, req.body, requestActor(req), expectedVersion(req.headers)),
    );

    serve(app, lessons.proposals, read, async (req) => ({
      items: await proposalsFor(rt, req.query.kind, req.query.id, requestActor(req)),
      next_cursor: null,
    }));

    serve(app, lessons.search, read, async (req) =>
      searchLessons(rt, req.query.q, req.query.limit, requestActor(req)),
    );
  };
