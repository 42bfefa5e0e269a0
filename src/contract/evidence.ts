import { z } from "zod";
import { endpoint, Time, whole } from "./endpoint.js";
import { IncidentRef, onIncident } from "./on-incident.js";

/**
 * Evidence items on an incident and their chain of custody. Checks that need the domain's own
 * words (a well-formed SHA-256) are left to the use cases.
 */

const CustodyTransferSchema = z.object({
  id: z.string(),
  evidence_id: z.string(),
  from_custodian: z.string(),
  to_custodian: z.string(),
  at: Time,
  reason: z.string(),
});

const DownloadSchema = z.object({
  at: Time,
  by: z.string().describe("who took the copy"),
  reason: z.string().describe("why, as they said"),
});

const EvidenceSchema = z.object({
  id: z.string(),
  incident_id: z.string(),
  name: z.string(),
  description: z.string(),
  sha256: z.string().describe("lower-case hexadecimal SHA-256"),
  size: z.number().describe("bytes"),
  location: z.string(),
  acquired_by: z.string(),
  acquired_at: Time,
  custodian: z.string(),
  created_at: Time,
  custody: z.array(CustodyTransferSchema).describe("the chain of custody, oldest first"),
  file_stored: z.boolean().describe("whether Firebreak holds the item's bytes"),
  downloads: z
    .array(DownloadSchema)
    .describe("every download of the stored file, oldest first: who, when, why"),
});

const EvidenceBody = z.strictObject({
  name: z.string().max(300),
  description: z.string().max(20_000).optional(),
  sha256: z.string().max(200).describe("64 hexadecimal characters, any case"),
  size: z.number().int().min(0).describe("bytes"),
  location: z.string().max(2000).describe("where the item is kept"),
  acquired_by: z.string().max(300).describe("who acquired it; its first custodian"),
  acquired_at: Time.optional().describe("defaults to now"),
});

const TransferBody = z.strictObject({
  to: z.string().max(300).describe("the new custodian"),
  reason: z.string().max(2000),
  at: Time.optional().describe("when it changed hands, if earlier than now"),
});

const EvidenceParams = IncidentRef.extend({ evidenceId: z.string() });

/** Evidence files travel as raw bytes, streamed: no multipart, no base64. */
export const EVIDENCE_FILE_TYPE = "application/octet-stream";

const FileQuery = z.strictObject({
  name: z.string().max(300).describe("the item's name (the file name, say)"),
  description: z.string().max(20_000).optional(),
  acquired_by: z
    .string()
    .max(300)
    .optional()
    .describe("its first custodian; default: the uploader"),
  acquired_at: Time.optional().describe("defaults to now"),
});

const DownloadQuery = z.strictObject({
  reason: z.string().max(2000).describe("why a copy is taken: recorded in the chain of custody"),
});

export const evidence = {
  list: endpoint({
    method: "GET",
    path: "/incidents/:id/evidence",
    params: IncidentRef,
    response: whole(EvidenceSchema),
  }),
  add: endpoint({
    method: "POST",
    path: "/incidents/:id/evidence",
    description:
      "Records an evidence item; whoever acquired it is its first custodian. A malformed SHA-256 is refused (400) and nothing is stored.",
    ...onIncident,
    body: EvidenceBody,
    response: EvidenceSchema,
    status: 201,
  }),
  get: endpoint({
    method: "GET",
    path: "/incidents/:id/evidence/:evidenceId",
    params: EvidenceParams,
    response: EvidenceSchema,
  }),
  transfer: endpoint({
    method: "POST",
    path: "/incidents/:id/evidence/:evidenceId/transfers",
    description:
      "Hands the item to a new custodian: the custody log and the incident's timeline record who, to whom, when and why.",
    ...onIncident,
    params: EvidenceParams,
    body: TransferBody,
    response: EvidenceSchema,
    status: 201,
  }),
  addFile: endpoint({
    method: "POST",
    path: "/incidents/:id/evidence/files",
    description:
      "Records an evidence item from its file, sent as the raw body (application/octet-stream) and streamed into the evidence store: its SHA-256 and size are computed on the way. Larger than FIREBREAK_EVIDENCE_MAX_BYTES is refused (413) and nothing is kept.",
    params: IncidentRef,
    query: FileQuery,
    consumes: [EVIDENCE_FILE_TYPE],
    response: EvidenceSchema,
    status: 201,
  }),
  uploadFile: endpoint({
    method: "PUT",
    path: "/incidents/:id/evidence/:evidenceId/file",
    description:
      "Stores the file of an item recorded with its SHA-256 and size, sent as the raw body. Bytes that do not hash to the recorded SHA-256 are refused (422 hash_mismatch) and nothing is kept.",
    params: EvidenceParams,
    consumes: [EVIDENCE_FILE_TYPE],
    response: EvidenceSchema,
  }),
  download: endpoint({
    method: "GET",
    path: "/incidents/:id/evidence/:evidenceId/file",
    description:
      "The stored file, as an attachment. Its bytes are hashed before they are sent: if they no longer match the recorded SHA-256, nothing is sent (409 integrity_failed). Each download is recorded in the item's chain of custody and on the incident's timeline (who, when, why).",
    params: EvidenceParams,
    query: DownloadQuery,
  }),
};

export type EvidenceView = z.output<typeof EvidenceSchema>;
export type CustodyTransferView = z.output<typeof CustodyTransferSchema>;
export type EvidenceInput = z.input<typeof EvidenceBody>;
export type TransferInput = z.input<typeof TransferBody>;
export type EvidenceDownloadView = z.output<typeof DownloadSchema>;
