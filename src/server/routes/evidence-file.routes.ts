import { Readable } from "node:stream";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { audit } from "../../audit/audit.service.js";
import { EVIDENCE_FILE_TYPE, evidence } from "../../contract/evidence.js";
import { DomainError } from "../../domain/errors.js";
import { evidenceView } from "../../response/evidence.service.js";
import {
  createEvidenceFromFile,
  openEvidenceDownload,
  type Upload,
  uploadEvidenceFile,
} from "../../response/evidence-file.service.js";
import type { Runtime } from "../../runtime.js";
import { serve } from "../contract-route.js";
import { requestActor } from "../request-actor.js";

/** The request's body as the stream it arrives as (the parser below hands it over unread). */
function uploadOf(req: FastifyRequest): Upload {
  const body = req.body as unknown;
  if (!(body instanceof Readable))
    throw new DomainError(
      "unsupported_media_type",
      `send the file as the raw body, Content-Type: ${EVIDENCE_FILE_TYPE}`,
    );
  const length = Number(req.headers["content-length"]);
  return { body, declaredSize: Number.isSafeInteger(length) ? length : undefined };
}

/**
 * An upload refused before its body was read to the end (too large, not the recorded file)
 * closes the connection after the answer instead of reading gigabytes only to discard them.
 */
async function refusingEarly<T>(
  req: FastifyRequest,
  reply: FastifyReply,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (!req.raw.complete) reply.header("connection", "close");
    throw e;
  }
}

/** `attachment` with the item's name: plain ASCII for old clients, the exact name in filename*. */
function attachment(name: string): string {
  const ascii = name.replace(/[^\w.\- ]/g, "_").slice(0, 200) || "evidence";
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * Evidence files (docs/evidence.md): uploads are streamed from the request into the evidence
 * store (the JSON body limits do not apply; FIREBREAK_EVIDENCE_MAX_BYTES does), downloads are
 * streamed out after the stored bytes were checked against the record's SHA-256.
 */
export const evidenceFileRoutes =
  (rt: Runtime): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ["evidence"];
    // The route streams its body itself, so the JSON depth and NUL checks leave it alone.
    const write = { tags, config: { permission: "incidents:write" as const, ownBodyLimits: true } };

    // Encapsulated in this plugin: the body reaches the handler as the request stream, unread.
    app.addContentTypeParser(EVIDENCE_FILE_TYPE, (_req, payload, done) => done(null, payload));

    serve(app, evidence.addFile, write, async (req, reply) =>
      refusingEarly(req, reply, async () =>
        evidenceView(
          rt,
          await createEvidenceFromFile(
            rt,
            req.params.id,
            req.query,
            uploadOf(req),
            requestActor(req),
          ),
        ),
      ),
    );

    serve(app, evidence.uploadFile, write, async (req, reply) =>
      refusingEarly(req, reply, async () =>
        evidenceView(
          rt,
          await uploadEvidenceFile(
            rt,
            req.params.id,
            req.params.evidenceId,
            uploadOf(req),
            requestActor(req),
          ),
        ),
      ),
    );

    serve(
      app,
      evidence.download,
      { tags, config: { permission: "evidence:download" } },
      async (req, reply) => {
        const actor = requestActor(req);
        const { id, evidenceId } = req.params;
        let download: Awaited<ReturnType<typeof openEvidenceDownload>>;
        try {
          download = await openEvidenceDownload(rt, id, evidenceId, req.query.reason, actor);
        } catch (e) {
          if (e instanceof DomainError && e.code === "integrity_failed")
            await audit(rt, {
              actor,
              action: "evidence.integrity_failed",
              target: evidenceId,
              outcome: "failure",
              ip: req.ip,
              incident: id,
              details: e.extra,
            });
          throw e;
        }
        const { sha256, name } = download.evidence;
        // Sent exactly as stored, with its length: mime-db calls application/octet-stream
        // compressible, and gzipping a memory image on the way out costs minutes of CPU.
        req.headers["x-no-compression"] = "evidence";
        return reply
          .type(EVIDENCE_FILE_TYPE)
          .header("content-length", download.size)
          .header("content-disposition", attachment(name))
          .header("x-content-type-options", "nosniff")
          .header("repr-digest", `sha-256=:${Buffer.from(sha256, "hex").toString("base64")}:`)
          .header("cache-control", "no-store")
          .send(Readable.from(download.body));
      },
    );
  };
