import { canonicalJson, sha256Hex } from "./canonical-json.js";

/**
 * Tamper evidence for append-only logs (the incident timeline, the audit log): each link's hash
 * covers the previous link's hash and the link's own canonical content, so changing, removing or
 * reordering any stored byte breaks every hash after it.
 */
export const GENESIS_HASH = "0".repeat(64);

/** The hash of one link: the previous hash and the canonical JSON of everything else stored. */
export function linkHash(prevHash: string, content: object): string {
  return sha256Hex(`${prevHash}\n${canonicalJson(content)}`);
}

export type ChainVerdict =
  | { intact: true; entries: number }
  | { intact: false; entries: number; first_bad_seq: number; reason: string };

/** A stored link: its content plus its place (`seq`, from 1) and the two hashes. */
export type StoredLink = { seq: number; prev_hash: string; hash: string };

/**
 * Re-computes a chain in order and names the first link that does not verify. The hash covers
 * every field except `prev_hash` and `hash` themselves, exactly as stored. A long chain can be
 * verified a page at a time: `start` continues from the previous page's last link.
 */
export function verifyLinks(
  entries: readonly StoredLink[],
  start: { prev_hash: string; seq: number } = { prev_hash: GENESIS_HASH, seq: 1 },
): ChainVerdict {
  let prev = start.prev_hash;
  let expectedSeq = start.seq;
  const broken = (seq: number, reason: string): ChainVerdict => ({
    intact: false,
    entries: entries.length,
    first_bad_seq: seq,
    reason,
  });
  for (const e of entries) {
    if (e.seq !== expectedSeq)
      return broken(e.seq, `expected entry ${expectedSeq}; an entry is missing`);
    if (e.prev_hash !== prev) return broken(e.seq, "its link to the previous entry does not match");
    const { prev_hash: _p, hash, ...content } = e;
    if (linkHash(prev, content) !== hash)
      return broken(e.seq, "its content does not match its hash");
    prev = hash;
    expectedSeq++;
  }
  return { intact: true, entries: entries.length };
}
