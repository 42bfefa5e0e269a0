import { randomUUID } from "node:crypto";
import type { Actor } from "../domain/actor.js";
import { invalidInput, notFound } from "../domain/errors.js";
import type { CustodyTransfer, Evidence } from "../domain/incident/model.js";
import type { ResponseDeps } from "./deps.js";
import { getIncident } from "./incident.service.js";
import { changeIncident, isoTime, refuseMerged, requiredText } from "./incident-change.js";

/** A piece of evidence as acquired; the person who acquired it is its first custodian. */
export interface EvidenceInput {
  name: string;
  description?: string;
  /** SHA-256 of the item's bytes, 64 hexadecimal characters (any case). */
  sha256: string;
  /** Bytes. */
  size: number;
  /** Where it is kept: an evidence locker, a storage path, a bucket URL. */
  location: string;
  acquired_by: string;
  /** ISO 8601; defaults to now. */
  acquired_at?: string;
}

/** One hand-over in the chain of custody. */
export interface TransferInput {
  to: string;
  reason: string;
  /** ISO 8601, when the item changed hands if earlier than now; defaults to now. */
  at?: string;
}

/** An evidence item with its chain of custody, oldest transfer first. */
export interface EvidenceWithCustody extends Evidence {
  custody: CustodyTransfer[];
}

/** The canonical (lower-case) form of a SHA-256 digest, or invalid_input saying what is wrong. */
export function normaliseSha256(value: unknown): string {
  const v = typeof value === "string" ? value.trim().toLowerCase() : "";
  if (!/^[0-9a-f]{64}$/.test(v))
    throw invalidInput(
      `sha256 must be 64 hexadecimal characters (a SHA-256 digest); got ${typeof value === "string" ? `${value.trim().length} characters` : typeof value}`,
      [{ message: "not a SHA-256 digest", path: "sha256" }],
    );
  return v;
}

function checkSize(size: unknown): number {
  if (typeof size !== "number" || !Number.isSafeInteger(size) || size < 0)
    throw invalidInput("size must be a whole number of bytes, 0 or more", [
      { message: "not a byte count", path: "size" },
    ]);
  return size;
}

/**
 * Records an evidence item on an incident. Every field is checked before anything is written,
 * so a malformed digest leaves the incident exactly as it was.
 */
export async function addEvidence(
  deps: ResponseDeps,
  ref: string,
  input: EvidenceInput,
  actor: Actor,
  expectedVersion?: number,
): Promise<Evidence> {
  const sha256 = normaliseSha256(input.sha256);
  const size = checkSize(input.size);
  const name = requiredText("name", input.name, 300);
  const location = requiredText("location", input.location, 2000);
  const acquiredBy = requiredText("acquired_by", input.acquired_by, 300);
  const description = input.description?.trim() ?? "";
  const given =
    input.acquired_at === undefined
      ? undefined
      : isoTime("acquired_at", input.acquired_at, deps.clock.now());

  return changeIncident(deps, ref, actor, expectedVersion, ({ incident, now }) => {
    refuseMerged(incident);
    const acquiredAt = given ?? now.toISOString();
    const evidence: Evidence = {
      id: randomUUID(),
      incident_id: incident.id,
      name,
      description,
      sha256,
      size,
      location,
      acquired_by: acquiredBy,
      acquired_at: acquiredAt,
      custodian: acquiredBy,
      created_at: now.toISOString(),
    };
    const { id, incident_id: _i, created_at: _c, ...summary } = evidence;
    return {
      result: evidence,
      change: {
        incident,
        insertEvidence: [evidence],
        timeline: [
          {
            kind: "evidence.added",
            actor,
            occurred_at: given ?? null,
            payload: { evidence_id: id, ...summary },
          },
        ],
      },
    };
  });
}

async function findEvidence(deps: ResponseDeps, incidentId: string, evidenceId: string) {
  const evidence = (await deps.incidents.evidence(incidentId)).find((e) => e.id === evidenceId);
  if (!evidence) throw notFound("evidence", evidenceId);
  return evidence;
}

/**
 * Hands an evidence item to a new custodian: a custody_transfers row, the custodian changed,
 * and a `custody.transferred` timeline entry, in one commit. Allowed after the incident ends,
 * since evidence outlives incidents (it may go to law enforcement or counsel later).
 */
export async function transferCustody(
  deps: ResponseDeps,
  ref: string,
  evidenceId: string,
  input: TransferInput,
  actor: Actor,
  expectedVersion?: number,
): Promise<EvidenceWithCustody> {
  const to = requiredText("to", input.to, 300);
  const reason = requiredText("reason", input.reason);
  const given = input.at === undefined ? undefined : isoTime("at", input.at, deps.clock.now());

  return changeIncident(deps, ref, actor, expectedVersion, async ({ incident, now }) => {
    const evidence = await findEvidence(deps, incident.id, evidenceId);
    const custody = await deps.incidents.custody(evidence.id);
    const at = given ?? now.toISOString();
    if (to === evidence.custodian)
      throw invalidInput(`${evidence.name} is already in the custody of ${to}`);
    // The chain must read in order: no hand-over before the item existed or before the last one.
    const last = custody.at(-1)?.at ?? evidence.acquired_at;
    if (at < last)
      throw invalidInput(`at cannot be before ${last}, the item's last custody change`);
    const transfer: CustodyTransfer = {
      id: randomUUID(),
      evidence_id: evidence.id,
      from_custodian: evidence.custodian,
      to_custodian: to,
      at,
      reason,
    };
    const updated = { ...evidence, custodian: to };
    return {
      result: { ...updated, custody: [...custody, transfer] },
      change: {
        incident,
        updateEvidence: [updated],
        insertCustody: [transfer],
        timeline: [
          {
            kind: "custody.transferred",
            actor,
            occurred_at: given ?? null,
            payload: {
              evidence_id: evidence.id,
              name: evidence.name,
              sha256: evidence.sha256,
              from: transfer.from_custodian,
              to,
              at,
              reason,
            },
          },
        ],
      },
    };
  });
}

/** The incident's evidence, each with its chain of custody. */
export async function listEvidence(
  deps: ResponseDeps,
  ref: string,
  viewer: Actor | undefined,
): Promise<EvidenceWithCustody[]> {
  const incident = await getIncident(deps, ref, viewer);
  const items = await deps.incidents.evidence(incident.id);
  return Promise.all(
    items.map(async (e) => ({ ...e, custody: await deps.incidents.custody(e.id) })),
  );
}

/** One evidence item of an incident, with its chain of custody. */
export async function getEvidence(
  deps: ResponseDeps,
  ref: string,
  evidenceId: string,
  viewer: Actor | undefined,
): Promise<EvidenceWithCustody> {
  const incident = await getIncident(deps, ref, viewer);
  const evidence = await findEvidence(deps, incident.id, evidenceId);
  return { ...evidence, custody: await deps.incidents.custody(evidence.id) };
}
