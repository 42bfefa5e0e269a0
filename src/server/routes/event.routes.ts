import { promisify } from "node:util";
import { gunzip } from "node:zlib";
import type { FastifyError } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { events } from "../../contract/events.js";
import { ingestEvents, ingestEvtx } from "../../detection/ingest.service.js";
import { DomainError, invalidInput } from "../../domain/errors.js";
import type { Telemetry } from "../../operations/telemetry.js";
import type { Runtime } from "../../runtime.js";
import { serve } from "../contract-route.js";
import { sendProblem } from "../problem.js";

const gunzipAsync = promisify(gunzip);

/** Media types an event batch may come as; each is read the same way (array, NDJSON, stream). */
export const EVENT_MEDIA_TYPES = [
  "application/json",
  "application/x-ndjson",
  "application/jsonl",
  "text/plain",
];

/** The media type of a whole file of events in a binary format: EVTX (gzip of it allowed). */
export const EVTX_MEDIA_TYPE = "application/octet-stream";

const isGzip = (b: Buffer) => b[0] === 0x1f && b[1] === 0x8b;

/**
 * Undoes `Content-Encoding: gzip` (and, for a file body, gzip without the header: a `.evtx.gz`
 * sent as it is), refusing output beyond the limit (a gzip bomb is 413).
 */
async function decode(
  body: Buffer,
  encoding: string | undefined,
  limit: number,
  sniff: boolean,
): Promise<Buffer> {
  const given = (encoding ?? "identity").trim().toLowerCase();
  const enc = given === "identity" || given === "" ? (sniff && isGzip(body) ? "gzip" : "") : given;
  if (enc === "") return body;
  if (enc !== "gzip" && enc !== "x-gzip")
    throw new DomainError(
      "unsupported_media_type",
      `Content-Encoding '${enc}' is not supported; send gzip or no encoding`,
    );
  try {
    return await gunzipAsync(body, { maxOutputLength: limit });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE")
      throw new DomainError(
        "payload_too_large",
        `the batch decompresses to more than ${limit} bytes (FIREBREAK_MAX_EVENT_BYTES); send smaller batches`,
      );
    throw invalidInput(`the body is not valid gzip: ${(e as Error).message}`);
  }
}

/**
 * `POST /api/v1/events`: one batch of events in any of the accepted shapes. Its own content-type
 * parsers (encapsulated in this plugin) hand the raw bytes over, so that NDJSON and concatenated
 * objects are read by the event reader rather than refused as bad JSON.
 */
export const eventRoutes =
  (rt: Runtime, telemetry: Telemetry): FastifyPluginAsyncZod =>
  async (app) => {
    const limit = rt.config.maxEventBytes;
    app.removeAllContentTypeParsers();
    app.addContentTypeParser(
      [...EVENT_MEDIA_TYPES, EVTX_MEDIA_TYPE],
      { parseAs: "buffer", bodyLimit: limit },
      (_req, body, done) => done(null, body),
    );

    serve(
      app,
      events.ingest,
      {
        tags: ["events"],
        config: { permission: "events:ingest" },
        bodyLimit: limit,
        errorHandler: (error: FastifyError, request, reply) => {
          // Fastify's own body errors, said in terms of this endpoint.
          if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE")
            return sendProblem(
              new DomainError(
                "payload_too_large",
                `the batch is larger than ${limit} bytes (FIREBREAK_MAX_EVENT_BYTES); split it — firebreak ingest does`,
              ),
              request,
              reply,
            );
          if (error.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE")
            return sendProblem(
              new DomainError(
                "unsupported_media_type",
                `send events as ${EVENT_MEDIA_TYPES.join(", ")}, or an EVTX file as ${EVTX_MEDIA_TYPE} (optionally with Content-Encoding: gzip)`,
              ),
              request,
              reply,
            );
          return sendProblem(error, request, reply);
        },
      },
      async (req) => {
        const body = req.body as unknown as Buffer | undefined;
        if (!Buffer.isBuffer(body) || body.length === 0)
          throw invalidInput("the body is empty: send a JSON array, NDJSON or JSON objects");
        const source = req.query.source ?? null;
        const evtx =
          req.headers["content-type"]?.split(";")[0]?.trim().toLowerCase() === EVTX_MEDIA_TYPE;
        const bytes = await decode(body, req.headers["content-encoding"], limit, evtx);
        const result = evtx
          ? await ingestEvtx(rt, { bytes, source })
          : await ingestEvents(rt, { text: bytes.toString("utf8"), source });
        telemetry.eventsReceived.inc(result.accepted + result.rejected_count);
        telemetry.eventsRejected.inc(result.rejected_count);
        telemetry.eventsEvaluated.inc(result.accepted);
        telemetry.eventAlerts.inc(result.alerts);
        return result;
      },
    );
  };
