import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { audit } from "../../audit/audit.service.js";
import {
  currentPlan,
  lintCurrent,
  MAX_DOCUMENT_BYTES,
  uploadDocuments,
} from "../../documents/document.service.js";
import type { StoredDocument } from "../../documents/document.types.js";
import type { DocumentKind } from "../../documents/kinds.js";
import { DomainError, notFound } from "../../domain/errors.js";
import type { Runtime } from "../../runtime.js";
import { requestActor } from "../request-actor.js";

const VersionSummary = z.object({
  kind: z.string(),
  id: z.string(),
  version: z.number().int(),
  label: z.string(),
  title: z.string(),
  hash: z.string(),
  origin: z.string(),
  created_at: z.string(),
  created_by: z.string(),
});
/** A version in a document's list: is it the one in force (the others are drafts or older)? */
const VersionListItem = VersionSummary.extend({
  in_force: z.boolean().describe("the version every reader uses; newer ones are drafts"),
});
const FullDocument = VersionSummary.extend({
  source: z.string(),
  body: z.record(z.string(), z.unknown()),
});
const LintFinding = z.object({
  level: z.enum(["error", "warning"]),
  file: z.string(),
  line: z.number(),
  column: z.number(),
  path: z.string(),
  message: z.string(),
});

const summary = (d: StoredDocument) => ({
  kind: d.kind,
  id: d.id,
  version: d.version,
  label: d.label,
  title: d.title,
  hash: d.hash,
  origin: d.origin,
  created_at: d.createdAt,
  created_by: d.createdBy,
});
const full = (d: StoredDocument) => ({
  ...summary(d),
  source: d.source,
  body: d.body as Record<string, unknown>,
});

/** Every version of a document, newest first, marking the one in force. */
async function versionList(rt: Runtime, kind: DocumentKind, id: string) {
  const versions = await rt.documents.versions(kind, id);
  if (versions.length === 0) throw notFound(kind, id);
  const inForce = (await rt.documents.get(kind, id))?.version;
  return {
    items: versions.map((v) => ({ ...summary(v), in_force: v.version === inForce })),
    next_cursor: null,
  };
}

const YAML_TYPES = [
  "application/yaml",
  "application/x-yaml",
  "text/yaml",
  "text/x-yaml",
  "text/plain",
];

/** Plans, procedures, uploads of new versions, and lint of what is in force. */
export const documentRoutes =
  (rt: Runtime): FastifyPluginAsyncZod =>
  async (app) => {
    app.addContentTypeParser(
      YAML_TYPES,
      { parseAs: "string", bodyLimit: MAX_DOCUMENT_BYTES },
      (_req, body, done) => done(null, body),
    );

    app.get(
      "/plans/current",
      {
        config: { permission: "documents:read" },
        schema: { tags: ["documents"], response: { 200: FullDocument } },
      },
      async () => full(await currentPlan(rt.documents)),
    );

    app.get(
      "/plans/:id/versions",
      {
        config: { permission: "documents:read" },
        schema: {
          tags: ["documents"],
          params: z.object({ id: z.string() }),
          response: { 200: z.object({ items: z.array(VersionListItem), next_cursor: z.null() }) },
        },
      },
      async (req) => versionList(rt, "plan", req.params.id),
    );

    app.get(
      "/plans/:id/versions/:version",
      {
        config: { permission: "documents:read" },
        schema: {
          tags: ["documents"],
          params: z.object({ id: z.string(), version: z.coerce.number().int().positive() }),
          response: { 200: FullDocument },
        },
      },
      async (req) => {
        const doc = await rt.documents.get("plan", req.params.id, req.params.version);
        if (!doc) throw notFound("plan version", `${req.params.id}@${req.params.version}`);
        return full(doc);
      },
    );

    app.get(
      "/procedures",
      {
        config: { permission: "documents:read" },
        schema: {
          tags: ["documents"],
          response: {
            200: z.object({
              items: z.array(VersionSummary.extend({ applies_to: z.unknown() })),
              next_cursor: z.null(),
            }),
          },
        },
      },
      async () => {
        const procedures = (await rt.documents.current(
          "procedure",
        )) as StoredDocument<"procedure">[];
        return {
          items: procedures.map((p) => ({ ...summary(p), applies_to: p.body.applies_to })),
          next_cursor: null,
        };
      },
    );

    app.get(
      "/procedures/:id/versions",
      {
        config: { permission: "documents:read" },
        schema: {
          tags: ["documents"],
          params: z.object({ id: z.string() }),
          response: { 200: z.object({ items: z.array(VersionListItem), next_cursor: z.null() }) },
        },
      },
      async (req) => versionList(rt, "procedure", req.params.id),
    );

    app.get(
      "/procedures/:id",
      {
        config: { permission: "documents:read" },
        schema: {
          tags: ["documents"],
          params: z.object({ id: z.string() }),
          querystring: z.object({ version: z.coerce.number().int().positive().optional() }),
          response: { 200: FullDocument },
        },
      },
      async (req) => {
        const doc = await rt.documents.get("procedure", req.params.id, req.query.version);
        if (!doc)
          throw notFound(
            "procedure",
            req.query.version ? `${req.params.id}@${req.query.version}` : req.params.id,
          );
        return full(doc);
      },
    );

    app.post(
      "/documents",
      {
        config: { permission: "documents:write" },
        schema: {
          tags: ["documents"],
          description: `Upload one or more YAML documents (plan, procedure, declaration policy, exercise) separated by '---', as ${YAML_TYPES[0]}. The whole set is validated and linted with what is in force; any error rejects all of it (422 with errors carrying line and column). New versions are drafts: they come into force once approved (POST /documents/{kind}/{id}/submissions, then /signoffs); only the first load into an empty database is in force at once.`,
          response: {
            201: z.object({
              stored: z.array(VersionSummary),
              in_force: z
                .boolean()
                .describe("false: the stored versions are drafts awaiting approval"),
              unchanged: z.array(z.object({ kind: z.string(), id: z.string() })),
              warnings: z.array(LintFinding),
            }),
          },
        },
      },
      async (req, reply) => {
        if (typeof req.body !== "string")
          throw new DomainError(
            "unsupported_media_type",
            `send documents as YAML (${YAML_TYPES.join(", ")})`,
          );
        const result = await uploadDocuments(rt.documents, req.body, requestActor(req), rt.clock);
        if (result.stored.length > 0)
          await audit(rt, {
            actor: requestActor(req),
            action: "document.uploaded",
            target: result.stored.map((d) => `${d.kind}/${d.id}@v${d.version}`).join(", "),
            ip: req.ip,
            details: {
              stored: result.stored.map((d) => ({ ...summary(d) })),
              in_force: result.inForce,
            },
          });
        return reply.status(201).send({
          stored: result.stored.map(summary),
          in_force: result.inForce,
          unchanged: result.unchanged,
          warnings: result.warnings,
        });
      },
    );

    app.get(
      "/lint",
      {
        config: { permission: "documents:read" },
        schema: {
          tags: ["documents"],
          response: {
            200: z.object({
              errors: z.number(),
              warnings: z.number(),
              findings: z.array(LintFinding),
            }),
          },
        },
      },
      async () => lintCurrent(rt.documents, rt.clock),
    );
  };
