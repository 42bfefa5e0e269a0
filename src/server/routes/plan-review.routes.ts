import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { DOCUMENT_KINDS } from "../../documents/kinds.js";
import {
  type DocumentRef,
  documentStatus,
  pendingDocuments,
  retireDocument,
  signVersion,
  submitVersion,
  versionDiff,
} from "../../preparation/plan-review.service.js";
import type { Runtime } from "../../runtime.js";
import { requestActor } from "../request-actor.js";
import {
  DiffSchema,
  PlanStatusSchema,
  RetireBody,
  SignBody,
  SubmitBody,
  VersionStatusSchema,
} from "./preparation.schemas.js";

const tags = ["document approval"];
const PlanParams = z.object({ id: z.string().describe("plan id, or `current`") });
const DocParams = z.object({
  kind: z.enum(DOCUMENT_KINDS as [string, ...string[]]),
  id: z.string(),
});
type Params = { kind?: string; id: string };
const refOf = (p: Params): DocumentRef =>
  p.kind === undefined
    ? { kind: "plan", id: p.id === "current" ? undefined : p.id }
    : { kind: p.kind as DocumentRef["kind"], id: p.id };

/**
 * Document approval, the same for every kind: each version's state, submission for review,
 * sign-offs (a version comes into force once the plan in force's approvers have signed its
 * hash), retirement, diffs. `/plans/{id}/…` (id may be `current`) is kept for plans;
 * `/documents/{kind}/{id}/…` covers every kind.
 */
export const planReviewRoutes =
  (rt: Runtime): FastifyPluginAsyncZod =>
  async (app) => {
    for (const [prefix, params] of [
      ["/plans/:id", PlanParams],
      ["/documents/:kind/:id", DocParams],
    ] as const) {
      app.get(
        `${prefix}/status`,
        {
          config: { permission: "documents:read" },
          schema: {
            tags,
            description:
              "Each version's approval state (draft, in_review, approved, due_for_review, superseded, retired), which one is in force, its sign-offs and the in-force history.",
            params,
            response: { 200: PlanStatusSchema },
          },
        },
        async (req) => documentStatus(rt, refOf(req.params as Params)),
      );

      app.post(
        `${prefix}/submissions`,
        {
          config: { permission: "documents:write" },
          schema: {
            tags,
            description:
              "Submits a version (default: the newest) for approval; refused (422) when it would not lint clean beside what is in force.",
            params,
            body: SubmitBody,
            response: { 201: VersionStatusSchema },
          },
        },
        async (req, reply) =>
          reply
            .status(201)
            .send(
              await submitVersion(
                rt,
                { ...req.body, ...refOf(req.params as Params) },
                requestActor(req),
              ),
            ),
      );

      app.post(
        `${prefix}/signoffs`,
        {
          config: { permission: "plans:approve" },
          schema: {
            tags,
            description:
              "An approver's decision on the version in review, recorded with the version's hash. Once the quorum of the plan in force's approvers has signed, the version comes into force and the previous one is superseded.",
            params,
            body: SignBody,
            response: { 201: VersionStatusSchema },
          },
        },
        async (req, reply) =>
          reply
            .status(201)
            .send(
              await signVersion(
                rt,
                { ...req.body, ...refOf(req.params as Params) },
                requestActor(req),
              ),
            ),
      );

      app.get(
        `${prefix}/diff`,
        {
          config: { permission: "documents:read" },
          schema: {
            tags,
            description:
              "Differences between two versions (`3`, `v3`, `current` = in force, `latest`, `approved`): YAML lines and structure.",
            params,
            querystring: z.object({
              from: z.string().default("current"),
              to: z.string().default("latest"),
            }),
            response: { 200: DiffSchema },
          },
        },
        async (req) => versionDiff(rt, req.query.from, req.query.to, refOf(req.params as Params)),
      );
    }

    app.get(
      "/documents/pending",
      {
        config: { permission: "documents:read" },
        schema: {
          tags,
          description:
            "Every document whose newest version awaits approval (a draft or in review), with its approval picture.",
          response: { 200: z.object({ items: z.array(PlanStatusSchema), next_cursor: z.null() }) },
        },
      },
      async () => ({ items: await pendingDocuments(rt), next_cursor: null }),
    );

    app.post(
      "/documents/:kind/:id/retirement",
      {
        config: { permission: "plans:approve" },
        schema: {
          tags,
          description:
            "Retires a document (not a plan): no version of it is in force any more. Running incidents keep the version they pinned.",
          params: DocParams,
          body: RetireBody,
          response: { 201: PlanStatusSchema },
        },
      },
      async (req, reply) =>
        reply.status(201).send(
          await retireDocument(
            rt,
            {
              kind: req.params.kind as NonNullable<DocumentRef["kind"]>,
              id: req.params.id,
              reason: req.body.reason,
            },
            requestActor(req),
          ),
        ),
    );
  };
