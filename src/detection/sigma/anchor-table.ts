/**
 * AnchorTable: finds which of many prefixes (or suffixes) a string has, with a few hash probes.
 */
import { Table } from "./csr-table.js";

const ANCHOR = 1 << 14;

function mix(h: number, len: number): number {
  return ((h ^ Math.imul(len, 0x9e3779b1)) >>> 0) & (ANCHOR - 1);
}

/** Characters hashed at most: longer needles are filed under their last (or first) K. */
const K = 8;

/**
 * Hash of a needle's first (prefix) or last (suffix) min(length, K) characters, read from the
 * anchored end, as `search` computes it.
 */
function anchorHash(needle: string, suffix: boolean): number {
  let h = 0;
  const n = needle.length;
  const m = Math.min(n, K);
  for (let j = 0; j < m; j++) {
    h = (Math.imul(h, 31) + needle.charCodeAt(suffix ? n - 1 - j : j)) | 0;
  }
  return mix(h, m);
}

/**
 * Finds which of many prefixes (or suffixes) a string has. The hash of the string's start (or
 * end) is extended one character at a time, up to K characters, and looked up at each needle
 * length that exists (K standing for "K or more"); candidates are verified with
 * `startsWith`/`endsWith`. The cost is at most K steps, whatever the number of needles.
 */
export class AnchorTable {
  private readonly table: Table;
  private readonly lengths: number[];

  constructor(
    items: { needle: string; atom: number }[],
    private readonly suffix: boolean,
  ) {
    this.lengths = [...new Set(items.map((i) => Math.min(i.needle.length, K)))].sort(
      (x, y) => x - y,
    );
    this.table = new Table(
      ANCHOR,
      items.map(({ needle, atom }) => ({ h: anchorHash(needle, suffix), needle, offset: 0, atom })),
    );
  }

  /** Calls `hit(atom)` for each needle that `s` starts (or ends) with. */
  search(s: string, hit: (atom: number) => void): void {
    const n = s.length;
    const t = this.table;
    const lengths = this.lengths;
    const suffix = this.suffix;
    let li = 0;
    let h = 0;
    for (let j = 1; j <= n && li < lengths.length; j++) {
      h = (Math.imul(h, 31) + s.charCodeAt(suffix ? n - j : j - 1)) | 0;
      if (j !== lengths[li]) continue;
      li++;
      const b = mix(h, j);
      for (let k = t.start[b] as number, end = t.start[b + 1] as number; k < end; k++) {
        const nd = t.needles[k] as string;
        const len = nd.length;
        if ((j === K ? len >= K : len === j) && len <= n) {
          if (suffix ? s.endsWith(nd) : s.startsWith(nd)) hit(t.atoms[k] as number);
        }
      }
    }
  }
}
