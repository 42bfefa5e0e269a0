import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { audit } from "../../audit/audit.service.js";
import { documents, YAML_TYPES } from "../../contract/documents.js";
import {
  currentPlan,
  lintCurrent,
  lintUpload,
  MAX_DOCUMENT_BYTES,
  uploadDocuments,
} from "../../documents/document.service.js";
import type { StoredDocument } from "../../documents/document.types.js";
import type { DocumentKind } from "../../domain/document-kind.js";
import { DomainError, notFound } from "../../domain/errors.js";
import type { Runtime } from "../../runtime.js";
import { serve } from "../contract-route.js";
import { requestActor } from "../request-actor.js";
import { notModified } from "./conditional.js";

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
const full = <K extends DocumentKind>(d: StoredDocument<K>) => ({
  ...summary(d),
  source: d.source,
  body: d.body,
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

/** Plans, procedures, uploads of new versions, and lint of what is in force. */
export const documentRoutes =
  (rt: Runtime): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ["documents"];
    const read = { tags, config: { permission: "documents:read" as const } };
    const write = { tags, config: { permission: "documents:write" as const } };

    app.addContentTypeParser(
      [...YAML_TYPES],
      { parseAs: "string", bodyLimit: MAX_DOCUMENT_BYTES },
      (_req, body, done) => done(null, body),
    );
    // A JSON body parses (Fastify's own parser) but is no document: 415 naming the YAML types,
    // before the upload's body schema would answer a less telling 400.
    app.addHook("preValidation", async (req) => {
      if (req.body !== undefined && typeof req.body !== "string")
        throw new DomainError(
          "unsupported_media_type",
          `send documents as YAML (${YAML_TYPES.join(", ")})`,
        );
    });

    // A plan version never changes, so its hash is its entity tag: the web asks again on every
    // start and gets a bodiless 304 while the plan in force is the one it holds.
    serve(app, documents.currentPlan, read, async (req, reply) => {
      const plan = await currentPlan(rt.documents);
      return notModified(req, reply, `"${plan.hash}"`) ?? full(plan);
    });

    serve(app, documents.planVersions, read, async (req) => versionList(rt, "plan", req.params.id));

    serve(app, documents.planVersion, read, async (req, reply) => {
      const doc = await rt.documents.get("plan", req.params.id, req.params.version);
      if (!doc) throw notFound("plan version", `${req.params.id}@${req.params.version}`);
      return notModified(req, reply, `"${doc.hash}"`) ?? full(doc);
    });

    serve(app, documents.procedures, read, async () => ({
      items: ((await rt.documents.current("procedure")) as StoredDocument<"procedure">[]).map(
        (p) => ({
          ...summary(p),
          applies_to: p.body.applies_to,
        }),
      ),
      next_cursor: null,
    }));

    serve(app, documents.procedureVersions, read, async (req) =>
      versionList(rt, "procedure", req.params.id),
    );

    serve(app, documents.procedure, read, async (req) => {
      const doc = await rt.documents.get("procedure", req.params.id, req.query.version);
      if (!doc)
        throw notFound(
          "procedure",
          req.query.version ? `${req.params.id}@${req.query.version}` : req.params.id,
        );
      return full(doc);
    });

    serve(app, documents.upload, write, async (req) => {
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
      return {
        stored: result.stored.map(summary),
        in_force: result.inForce,
        unchanged: result.unchanged,
        warnings: result.warnings,
      };
    });

    serve(app, documents.lintText, write, async (req) =>
      lintUpload(rt.documents, req.body, rt.clock),
    );

    serve(app, documents.lint, read, async () => lintCurrent(rt.documents, rt.clock));
  };
