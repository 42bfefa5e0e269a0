import { type ChainVerdict, GENESIS_HASH, linkHash, verifyLinks } from "../hash-chain.js";

/**
 * The timeline's tamper evidence, a hash chain per incident (`domain/hash-chain.ts`): each
 * entry's hash covers the previous entry's hash and the entry's own canonical content.
 */
export { type ChainVerdict, GENESIS_HASH };

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
  return linkHash(prevHash, content);
}

/** Re-computes the chain in order and names the first entry that does not verify. */
export function verifyChain(
  entries: readonly (ChainedContent & { prev_hash: string; hash: string })[],
): ChainVerdict {
  return verifyLinks(entries);
}
