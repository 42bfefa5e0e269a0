import { canonicalJson, sha256Hex } from "../canonical-json.js";

/**
 * The timeline's tamper evidence: each entry's hash covers the previous entry's hash and the
 * entry's own canonical content, so changing any stored byte breaks every hash after it.
 */
export const GENESIS_HASH = "0".repeat(64);

/**
 * What an entry's hash covers: every stored column except the hash itself, exactly as stored.
 * `actor` and `payload` are their canonical JSON text, so any changed byte — even one that
 * would still parse — breaks the chain.
 */
export interface ChainedContent {
  incident_id: string;
  seq: number;
  recorded_at: string;
  occurred_at: string | null;
  actor: string;
  kind: string;
  payload: string;
}

export function entryHash(prevHash: string, content: ChainedContent): string {
  return sha256Hex(`${prevHash}\n${canonicalJson(content)}`);
}

export type ChainVerdict =
  | { intact: true; entries: number }
  | { intact: false; entries: number; first_bad_seq: number; reason: string };

/** Re-computes the chain in order and names the first entry that does not verify. */
export function verifyChain(
  entries: readonly (ChainedContent & { prev_hash: string; hash: string })[],
): ChainVerdict {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  for (const e of entries) {
    if (e.seq !== expectedSeq)
      return {
        intact: false,
        entries: entries.length,
        first_bad_seq: e.seq,
        reason: `expected entry ${expectedSeq}; an entry is missing`,
      };
    if (e.prev_hash !== prev)
      return {
        intact: false,
        entries: entries.length,
        first_bad_seq: e.seq,
        reason: "its link to the previous entry does not match",
      };
    const { prev_hash: _p, hash, ...content } = e;
    if (entryHash(prev, content) !== hash)
      return {
        intact: false,
        entries: entries.length,
        first_bad_seq: e.seq,
        reason: "its content does not match its hash",
      };
    prev = hash;
    expectedSeq++;
  }
  return { intact: true, entries: entries.length };
}
