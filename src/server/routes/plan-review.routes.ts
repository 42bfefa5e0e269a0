import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { planReview } from "../../contract/plan-review.js";
import type { DocumentKind } from "../../domain/document-kind.js";
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
import { serve } from "../contract-route.js";
import { requestActor } from "../request-actor.js";

/** A plan by id (`current`: the one in force), or a document by kind and id. */
const refOf = (p: { kind?: DocumentKind; id: string }): DocumentRef =>
  p.kind === undefined
    ? { kind: "plan", id: p.id === "current" ? undefined : p.id }
    : { kind: p.kind, id: p.id };

/**
 * Document approval, the same for every kind: each version's state, submission for review,
 * sign-offs (a version comes into force once the plan in force's approvers have signed its
 * hash), retirement, diffs. `/plans/{id}/…` (id may be `current`) is kept for plans;
 * `/documents/{kind}/{id}/…` covers every kind.
 */
export const planReviewRoutes =
  (rt: Runtime): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ["document approval"];
    const read = { tags, config: { permission: "documents:read" as const } };
    const write = { tags, config: { permission: "documents:write" as const } };
    const approve = { tags, config: { permission: "plans:approve" as const } };

    for (const review of [planReview.plan, planReview.document]) {
      serve(app, review.status, read, async (req) => documentStatus(rt, refOf(req.params)));

      serve(app, review.submit, write, async (req) =>
        submitVersion(rt, { ...req.body, ...refOf(req.params) }, requestActor(req)),
      );

      serve(app, review.sign, approve, async (req) =>
        signVersion(rt, { ...req.body, ...refOf(req.params) }, requestActor(req)),
      );

      serve(app, review.diff, read, async (req) =>
        versionDiff(rt, req.query.from, req.query.to, refOf(req.params)),
      );
    }

    serve(app, planReview.pending, read, async () => ({
      items: await pendingDocuments(rt),
      next_cursor: null,
    }));

    serve(app, planReview.retire, approve, async (req) =>
      retireDocument(
        rt,
        { kind: req.params.kind, id: req.params.id, reason: req.body.reason },
        requestActor(req),
      ),
    );
  };
