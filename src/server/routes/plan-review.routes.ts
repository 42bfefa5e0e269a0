import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  planDiff,
  planStatus,
  signPlan,
  submitPlan,
} from "../../preparation/plan-review.service.js";
import type { Runtime } from "../../runtime.js";
import { preparationDeps } from "../../store/preparation.wiring.js";
import { requestActor } from "../request-actor.js";
import {
  DiffSchema,
  PlanStatusSchema,
  SignBody,
  SubmitBody,
  VersionStatusSchema,
} from "./preparation.schemas.js";

const tags = ["plan approval"];
const Params = z.object({ id: z.string().describe("plan id, or `current`") });
const planOf = (id: string) => (id === "current" ? undefined : id);

/** Plan approval: status of every version, submission for review, sign-offs, diffs. */
export const planReviewRoutes =
  (rt: Runtime): FastifyPluginAsyncZod =>
  async (app) => {
    const deps = preparationDeps(rt);

    app.get(
      "/plans/:id/status",
      {
        config: { permission: "documents:read" },
        schema: {
          tags,
          description:
            "Each version's approval state (draft, in_review, approved, due_for_review, superseded) with its sign-offs.",
          params: Params,
          response: { 200: PlanStatusSchema },
        },
      },
      async (req) => planStatus(deps, planOf(req.params.id)),
    );

    app.post(
      "/plans/:id/submissions",
      {
        config: { permission: "documents:write" },
        schema: {
          tags,
          description: "Submits a version (default: the one in force) for approval.",
          params: Params,
          body: SubmitBody,
          response: { 201: VersionStatusSchema },
        },
      },
      async (req, reply) =>
        reply
          .status(201)
          .send(
            await submitPlan(deps, { ...req.body, plan: planOf(req.params.id) }, requestActor(req)),
          ),
    );

    app.post(
      "/plans/:id/signoffs",
      {
        config: { permission: "plans:approve" },
        schema: {
          tags,
          description:
            "An approver's decision on the version in review, recorded with the version's hash.",
          params: Params,
          body: SignBody,
          response: { 201: VersionStatusSchema },
        },
      },
      async (req, reply) =>
        reply
          .status(201)
          .send(
            await signPlan(deps, { ...req.body, plan: planOf(req.params.id) }, requestActor(req)),
          ),
    );

    app.get(
      "/plans/:id/diff",
      {
        config: { permission: "documents:read" },
        schema: {
          tags,
          description:
            "Differences between two versions (`3`, `v3`, `current`, `approved`): YAML lines and structure.",
          params: Params,
          querystring: z.object({
            from: z.string().default("approved"),
            to: z.string().default("current"),
          }),
          response: { 200: DiffSchema },
        },
      },
      async (req) => planDiff(deps, req.query.from, req.query.to, planOf(req.params.id)),
    );
  };
