import { type Actor, describeActor } from "../domain/actor.js";
import { invalidInput, notFound } from "../domain/errors.js";
import type { CustodyTransfer, Evidence, TimelineEntry } from "../domain/incident/model.js";
import { newRowId } from "../domain/row-id.js";
import type { ResponseDeps } from "./deps.js";
import type { EvidenceFileDeps } from "./evidence-file.types.js";
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
  /** Whether Firebreak holds the item's bytes (docs/evidence.md). */
  file_stored: boolean;
  /** Every copy taken of the stored file, oldest first (read from the timeline). */
  downloads: EvidenceDownloadRecord[];
}

/** One download of an evidence file: who took a copy, when, and why. */
export interface EvidenceDownloadRecord {
  at: string;
  by: string;
  reason: string;
}

/** The downloads the timeline records, by evidence id. */
function downloadsIn(timeline: TimelineEntry[]): Map<string, EvidenceDownloadRecord[]> {
  const byEvidence = new Map<string, EvidenceDownloadRecord[]>();
  for (const entry of timeline) {
    if (entry.kind !== "evidence.downloaded") continue;
    const list = byEvidence.get(entry.payload.evidence_id) ?? [];
    list.push({
      at: entry.recorded_at,
      by: describeActor(entry.actor),
      reason: entry.payload.reason,
    });
    byEvidence.set(entry.payload.evidence_id, list);
  }
  return byEvidence;
}

/** Evidence items of one incident with their custody: transfers, the stored file, downloads. */
async function withCustody(
  deps: EvidenceFileDeps,
  incidentId: string,
  items: Evidence[],
): Promise<EvidenceWithCustody[]> {
  const downloads = downloadsIn(await deps.incidents.timeline(incidentId));
  return Promise.all(
    items.map(async (e) => ({
      ...e,
      custody: await deps.incidents.custody(e.id),
      file_stored: (await deps.evidenceFiles.blobs.stat(e.sha256)) !== null,
      downloads: downloads.get(e.id) ?? [],
    })),
  );
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
      id: newRowId(),
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

/** One evidence item as the API shows it, with its custody (after a change, say). */
export async function evidenceView(
  deps: EvidenceFileDeps,
  evidence: Evidence,
): Promise<EvidenceWithCustody> {
  const [view] = await withCustody(deps, evidence.incident_id, [evidence]);
  return view as EvidenceWithCustody;
}

/** One evidence item of an incident, or not_found. */
export async function findEvidence(deps: ResponseDeps, incidentId: string, evidenceId: string) {
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
  deps: EvidenceFileDeps,
  ref: string,
  evidenceId: string,
  input: TransferInput,
  actor: Actor,
  expectedVersion?: number,
): Promise<EvidenceWithCustody> {
  const to = requiredText("to", input.to, 300);
  const reason = requiredText("reason", input.reason);
  const given = input.at === undefined ? undefined : isoTime("at", input.at, deps.clock.now());

  const moved = await changeIncident(
    deps,
    ref,
    actor,
    expectedVersion,
    async ({ incident, now }) => {
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
        id: newRowId(),
        evidence_id: evidence.id,
        from_custodian: evidence.custodian,
        to_custodian: to,
        at,
        reason,
      };
      const updated = { ...evidence, custodian: to };
      return {
        result: updated,
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
    },
  );
  return evidenceView(deps, moved);
}

/** The incident's evidence, each with its chain of custody. */
export async function listEvidence(
  deps: EvidenceFileDeps,
  ref: string,
  viewer: Actor | undefined,
): Promise<EvidenceWithCustody[]> {
  const incident = await getIncident(deps, ref, viewer);
  return withCustody(deps, incident.id, await deps.incidents.evidence(incident.id));
}

/** One evidence item of an incident, with its chain of custody. */
export async function getEvidence(
  deps: EvidenceFileDeps,
  ref: string,
  evidenceId: string,
  viewer: Actor | undefined,
): Promise<EvidenceWithCustody> {
  const incident = await getIncident(deps, ref, viewer);
  const evidence = await findEvidence(deps, incident.id, evidenceId);
  return evidenceView(deps, evidence);
}
