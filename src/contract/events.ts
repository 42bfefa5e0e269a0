import { z } from "zod";
import { PolicyOutcomeSchema } from "./detection.js";
import { endpoint } from "./endpoint.js";

/**
 * Events: batches of raw events for the Sigma rules. The body is read by the event reader, not
 * by a schema (NDJSON and concatenated objects are not one JSON document), so the endpoint
 * declares none: a client sends it raw with its media type.
 */

const IngestResultSchema = z.object({
  accepted: z.number().int().describe("events stored"),
  rejected: z
    .array(
      z.object({
        index: z.number().int().optional().describe("position among the JSON values read"),
        offset: z.number().int().optional().describe("character offset of a malformed part"),
        line: z.number().int().optional(),
        column: z.number().int().optional(),
        reason: z.string(),
      }),
    )
    .describe("the first 100 values or malformed parts not stored, each with its reason"),
  rejected_count: z.number().int().describe("how many values or malformed parts were not stored"),
  rejected_truncated: z.boolean().optional(),
  alerts: z.number().int().describe("alerts raised or updated by the batch"),
  incidents: z.array(PolicyOutcomeSchema),
  warnings: z
    .array(z.string())
    .optional()
    .describe("what was read past in a damaged EVTX file (the records around it were stored)"),
});

export const events = {
  ingest: endpoint({
    method: "POST",
    path: "/events",
    description:
      "Ingest a batch: a JSON array, NDJSON or concatenated JSON objects (application/json, application/x-ndjson, application/jsonl, text/plain), or a Windows .evtx file (application/octet-stream, recognised by its ElfFile header; a damaged file stores what could be read and lists `warnings`; anything else is 415), optionally Content-Encoding: gzip. Answers 202 once the readable events and the alerts they raised are stored; each part not stored (malformed, not an object, nested deeper than 64 levels, more than 100,000 values) is listed in `rejected` with its index and reason. 400 only when no event could be stored.",
    query: z.object({
      source: z.string().max(200).optional().describe("a label stored with each event"),
    }),
    response: IngestResultSchema,
    status: 202,
  }),
};

export type IngestResultView = z.output<typeof IngestResultSchema>;
