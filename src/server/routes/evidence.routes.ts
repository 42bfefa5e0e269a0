import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  addEvidence,
  getEvidence,
  listEvidence,
  transferCustody,
} from "../../response/evidence.service.js";
import type { Runtime } from "../../runtime.js";
import { requestActor } from "../request-actor.js";
import {
  EvidenceBody,
  EvidenceSchema,
  IncidentParams,
  TransferBody,
} from "./incident-extras.schemas.js";
import { expectedVersion, IfMatch } from "./route-helpers.js";

const EvidenceParams = IncidentParams.extend({ evidenceId: z.string() });
const tags = ["evidence"];

/** Evidence items on an incident and their chain of custody. */
export const evidenceRoutes =
  (rt: Runtime): FastifyPluginAsyncZod =>
  async (app) => {
    const read = { permission: "incidents:read" as const };
    const write = { permission: "incidents:write" as const };

    app.get(
      "/incidents/:id/evidence",
      {
        config: read,
        schema: {
          tags,
          params: IncidentParams,
          response: { 200: z.object({ items: z.array(EvidenceSchema), next_cursor: z.null() }) },
        },
      },
      async (req) => ({
        items: await listEvidence(rt, req.params.id, requestActor(req)),
        next_cursor: null,
      }),
    );

    app.post(
      "/incidents/:id/evidence",
      {
        config: write,
        schema: {
          tags,
          description:
            "Records an evidence item; whoever acquired it is its first custodian. A malformed SHA-256 is refused (400) and nothing is stored.",
          params: IncidentParams,
          headers: IfMatch,
          body: EvidenceBody,
          response: { 201: EvidenceSchema },
        },
      },
      async (req, reply) => {
        const evidence = await addEvidence(
          rt,
          req.params.id,
          req.body,
          requestActor(req),
          expectedVersion(req.headers),
        );
        return reply.status(201).send({ ...evidence, custody: [] });
      },
    );

    app.get(
      "/incidents/:id/evidence/:evidenceId",
      {
        config: read,
        schema: { tags, params: EvidenceParams, response: { 200: EvidenceSchema } },
      },
      async (req) => getEvidence(rt, req.params.id, req.params.evidenceId, requestActor(req)),
    );

    app.post(
      "/incidents/:id/evidence/:evidenceId/transfers",
      {
        config: write,
        schema: {
          tags,
          description:
            "Hands the item to a new custodian: the custody log and the incident's timeline record who, to whom, when and why.",
          params: EvidenceParams,
          headers: IfMatch,
          body: TransferBody,
          response: { 201: EvidenceSchema },
        },
      },
      async (req, reply) =>
        reply
          .status(201)
          .send(
            await transferCustody(
              rt,
              req.params.id,
              req.params.evidenceId,
              req.body,
              requestActor(req),
              expectedVersion(req.headers),
            ),
          ),
    );
  };
