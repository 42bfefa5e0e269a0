import { createHash } from "node:crypto";
import type { Actor } from "../domain/actor.js";
import { DomainError } from "../domain/errors.js";
import type { Evidence } from "../domain/incident/model.js";
import { addEvidence, findEvidence } from "./evidence.service.js";
import type { EvidenceFileDeps } from "./evidence-file.types.js";
import { getIncident } from "./incident.service.js";
import { isoTime, refuseMerged, requiredText } from "./incident-change.js";
import { appendTimeline } from "./mutate.js";

/**
 * Evidence files (docs/evidence.md): the bytes of an evidence item, streamed in and out of the
 * content-addressed store, never held whole in memory, their SHA-256 checked on the way in and
 * on every way out, every download a custody entry on the incident's timeline.
 */

/** Where a record made from an uploaded file says the item is kept. */
export const STORED_LOCATION = "Firebreak evidence store";

/** The record to create around an uploaded file; its hash and size are the file's. */
export interface FileEvidenceInput {
  name: string;
  description?: string;
  /** Defaults to whoever uploads. */
  acquired_by?: string;
  acquired_at?: string;
}

/** The bytes of an upload, and the size the sender announced (Content-Length), if any. */
export interface Upload {
  body: AsyncIterable<Uint8Array>;
  declaredSize?: number;
}

function tooLarge(max: number): DomainError {
  return new DomainError(
    "payload_too_large",
    `evidence files are at most ${max} bytes (FIREBREAK_EVIDENCE_MAX_BYTES); nothing was kept`,
    [],
    { max_bytes: max },
  );
}

/** The upload's bytes, refused (413) as soon as they pass `max`: before reading, when announced. */
async function* capped(upload: Upload, max: number): AsyncGenerator<Uint8Array> {
  if (upload.declaredSize !== undefined && upload.declaredSize > max) throw tooLarge(max);
  let seen = 0;
  for await (const chunk of upload.body) {
    seen += chunk.byteLength;
    if (seen > max) throw tooLarge(max);
    yield chunk;
  }
}

/**
 * Creates an evidence record from an uploaded file: its SHA-256 and size are computed while it
 * streams into the store, and the uploader is its first custodian unless `acquired_by` says
 * otherwise. The record's fields are checked before any byte is read.
 */
export async function createEvidenceFromFile(
  deps: EvidenceFileDeps,
  ref: string,
  input: FileEvidenceInput,
  upload: Upload,
  actor: Actor,
): Promise<Evidence> {
  const incident = await getIncident(deps, ref, actor);
  refuseMerged(incident);
  const name = requiredText("name", input.name, 300);
  const acquiredBy = requiredText("acquired_by", input.acquired_by ?? actor.name ?? actor.id, 300);
  if (input.acquired_at !== undefined) isoTime("acquired_at", input.acquired_at, deps.clock.now());
  const { blobs, maxBytes } = deps.evidenceFiles;
  const stored = await blobs.put(capped(upload, maxBytes), () => {});
  return addEvidence(
    deps,
    incident.id,
    {
      name,
      description: input.description,
      sha256: stored.sha256,
      size: stored.size,
      location: STORED_LOCATION,
      acquired_by: acquiredBy,
      acquired_at: input.acquired_at,
    },
    actor,
  );
}

/**
 * Stores the file of an evidence record created with a declared SHA-256 and size. The upload
 * must be those very bytes: anything else is refused (422 hash_mismatch) and nothing is kept.
 */
export async function uploadEvidenceFile(
  deps: EvidenceFileDeps,
  ref: string,
  evidenceId: string,
  upload: Upload,
  actor: Actor,
): Promise<Evidence> {
  const incident = await getIncident(deps, ref, actor);
  const evidence = await findEvidence(deps, incident.id, evidenceId);
  const { blobs, maxBytes } = deps.evidenceFiles;
  if (await blobs.stat(evidence.sha256))
    throw new DomainError("conflict", `the file of ${evidence.name} is already stored`);
  const mismatch = (what: string) =>
    new DomainError(
      "hash_mismatch",
      `this is not the file ${evidence.name} records: ${what}; nothing was kept`,
      [],
      { expected_sha256: evidence.sha256, expected_size: evidence.size },
    );
  if (upload.declaredSize !== undefined && upload.declaredSize !== evidence.size)
    throw mismatch(`it has ${upload.declaredSize} bytes, the record ${evidence.size}`);
  await blobs.put(capped(upload, Math.min(maxBytes, evidence.size)), (stored) => {
    if (stored.sha256 !== evidence.sha256)
      throw mismatch(`its SHA-256 is ${stored.sha256}, the record's ${evidence.sha256}`);
  });
  await appendTimeline(deps, incident.id, actor, [
    {
      kind: "evidence.file_stored",
      actor,
      payload: {
        evidence_id: evidence.id,
        name: evidence.name,
        sha256: evidence.sha256,
        size: evidence.size,
      },
    },
  ]);
  return evidence;
}

async function digestOf(
  bytes: AsyncIterable<Uint8Array>,
): Promise<{ sha256: string; size: number }> {
  const hash = createHash("sha256");
  let size = 0;
  for await (const chunk of bytes) {
    hash.update(chunk);
    size += chunk.byteLength;
  }
  return { sha256: hash.digest("hex"), size };
}

/**
 * The bytes again, hashed as they pass; the last chunk is held back until the digest is known,
 * so a file changed since the check before sending never arrives whole: the stream fails instead.
 */
async function* verified(
  bytes: AsyncIterable<Uint8Array>,
  sha256: string,
): AsyncGenerator<Uint8Array> {
  const hash = createHash("sha256");
  let held: Uint8Array | undefined;
  for await (const chunk of bytes) {
    if (held) yield held;
    hash.update(chunk);
    held = chunk;
  }
  if (hash.digest("hex") !== sha256)
    throw new DomainError("integrity_failed", `the stored file changed while it was being sent`);
  if (held) yield held;
}

/** A download about to be sent: the record, the byte count, and the bytes (checked again). */
export interface EvidenceDownload {
  evidence: Evidence;
  size: number;
  body: AsyncIterable<Uint8Array>;
}

/**
 * Opens an evidence file for download, for a reason. The stored bytes are hashed first: if they
 * no longer match the record, nothing is sent, the incident's timeline records the failure, and
 * the caller gets 409 integrity_failed. Otherwise the download is recorded (who, when, why) on
 * the timeline — the file's custody record — before a byte leaves.
 */
export async function openEvidenceDownload(
  deps: EvidenceFileDeps,
  ref: string,
  evidenceId: string,
  reason: string,
  actor: Actor,
): Promise<EvidenceDownload> {
  const why = requiredText("reason", reason, 2000);
  const incident = await getIncident(deps, ref, actor);
  const evidence = await findEvidence(deps, incident.id, evidenceId);
  const { blobs } = deps.evidenceFiles;
  if (!(await blobs.stat(evidence.sha256)))
    throw new DomainError("not_found", `no file is stored for ${evidence.name}`);
  const file = { evidence_id: evidence.id, name: evidence.name, sha256: evidence.sha256 };
  const found = await digestOf(blobs.read(evidence.sha256));
  if (found.sha256 !== evidence.sha256 || found.size !== evidence.size) {
    await appendTimeline(deps, incident.id, actor, [
      {
        kind: "evidence.integrity_failed",
        actor,
        payload: { ...file, size: found.size, found_sha256: found.sha256 },
      },
    ]);
    throw new DomainError(
      "integrity_failed",
      `the stored file of ${evidence.name} no longer hashes to its recorded SHA-256; it was not sent`,
      [],
      { expected_sha256: evidence.sha256, found_sha256: found.sha256 },
    );
  }
  await appendTimeline(deps, incident.id, actor, [
    { kind: "evidence.downloaded", actor, payload: { ...file, size: evidence.size, reason: why } },
  ]);
  return {
    evidence,
    size: evidence.size,
    body: verified(blobs.read(evidence.sha256), evidence.sha256),
  };
}
