/**
 * NeedleIndex: finds which of many needles occur anywhere in a string in one pass (trigram table;
 * bigram and character tables for shorter needles; sparse k-gram sampling for long needles).
 */
import { Table } from "./csr-table.js";

/** Default "already seen" table: nothing is seen. */
const NO_SEEN = new Int32Array(0);

/** Size of the trigram table. */
export const TABLE = 1 << 16;

/** Hash of a trigram. */
export function tri(a: number, b: number, c: number): number {
  return ((a << 11) ^ (b << 6) ^ c ^ (a >>> 5)) & (TABLE - 1);
}

const BI = 4096;
const UNI = 1024;

function bi(a: number, b: number): number {
  return ((a << 5) ^ b) & (BI - 1);
}

/** Shortest needle length for which the sparse scan is used. */
const SPARSE_MIN = 6;
const SPARSE_TABLE = 1 << 17;

function gramHash(s: string, at: number, len: number): number {
  let h = 0;
  for (let j = 0; j < len; j++) h = (Math.imul(h, 31) + s.charCodeAt(at + j)) | 0;
  return ((h ^ (h >>> 15)) >>> 0) & (SPARSE_TABLE - 1);
}

/** ASCII lowercase of a character code (other characters unchanged). */
function fold(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

function foldedGramHash(s: string, at: number, len: number): number {
  let h = 0;
  for (let j = 0; j < len; j++) h = (Math.imul(h, 31) + fold(s.charCodeAt(at + j))) | 0;
  return ((h ^ (h >>> 15)) >>> 0) & (SPARSE_TABLE - 1);
}

/** `s.toLowerCase().startsWith(needle, at)` for an ASCII needle, without lowercasing `s`. */
function foldedStartsWith(s: string, needle: string, at: number): boolean {
  if (at + needle.length > s.length) return false;
  for (let j = 0; j < needle.length; j++) {
    if (fold(s.charCodeAt(at + j)) !== needle.charCodeAt(j)) return false;
  }
  return true;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: ASCII range check
const ASCII_ONLY = /^[\x00-\x7f]*$/;

/**
 * Finds which of many needles occur in a string, in one pass.
 *
 * Dense mode: needles of three characters or more are filed under their rarest trigram (rare in
 * sample text when known, else among needles), shorter ones under their bigram or character;
 * every position of the string is looked up.
 *
 * Sparse mode, when every needle has at least SPARSE_MIN characters: every k-gram of every
 * needle is filed (k = 3, or 8 for needles of 24+ characters such as hashes, whose small
 * alphabet makes trigrams useless), and only every `step`-th position of the string is looked up,
 * where `step = shortest needle - k + 1`. Any occurrence of a needle covers `length - k + 1 >=
 * step` consecutive k-gram positions, so one of them is looked up.
 */
export class NeedleIndex {
  private readonly tri: Table | null;
  private readonly bi: Table | null;
  private readonly uni: Table | null;
  private readonly sparse: Table | null;
  private readonly step: number;
  /** Characters hashed per sparse lookup (longer grams for long needles such as hashes). */
  private readonly gram: number;
  /** Length of the shortest needle (shorter values cannot contain any). */
  readonly minLength: number;

  /**
   * `textFreq` (optional) counts trigram hashes in sample values: anchors are then chosen among
   * trigrams that are rare in real text, not only rare among needles.
   */
  constructor(items: { needle: string; atom: number }[], textFreq?: Uint32Array) {
    this.minLength = items.reduce((m, x) => Math.min(m, x.needle.length), Number.POSITIVE_INFINITY);
    if (this.minLength >= SPARSE_MIN && Number.isFinite(this.minLength)) {
      const gram = this.minLength >= 24 ? 8 : 3;
      const entries: { h: number; needle: string; offset: number; atom: number }[] = [];
      for (const { needle, atom } of items) {
        for (let i = 0; i + gram <= needle.length; i++) {
          entries.push({ h: gramHash(needle, i, gram), needle, offset: i, atom });
        }
      }
      this.sparse = new Table(SPARSE_TABLE, entries);
      this.gram = gram;
      this.step = this.minLength - gram + 1;
      this.tri = null;
      this.bi = null;
      this.uni = null;
      return;
    }
    this.sparse = null;
    this.step = 1;
    this.gram = 3;
    const freq = new Map<number, number>();
    for (const { needle } of items) {
      const seen = new Set<number>();
      for (let i = 0; i + 3 <= needle.length; i++) {
        seen.add(tri(needle.charCodeAt(i), needle.charCodeAt(i + 1), needle.charCodeAt(i + 2)));
      }
      for (const h of seen) freq.set(h, (freq.get(h) ?? 0) + 1);
    }
    const tris: { h: number; needle: string; offset: number; atom: number }[] = [];
    const bis: typeof tris = [];
    const unis: typeof tris = [];
    for (const { needle, atom } of items) {
      if (needle.length === 1) {
        unis.push({ h: needle.charCodeAt(0) & (UNI - 1), needle, offset: 0, atom });
        continue;
      }
      if (needle.length === 2) {
        bis.push({ h: bi(needle.charCodeAt(0), needle.charCodeAt(1)), needle, offset: 0, atom });
        continue;
      }
      let best = 0;
      let bestF = Number.POSITIVE_INFINITY;
      for (let i = 0; i + 3 <= needle.length; i++) {
        const h = tri(needle.charCodeAt(i), needle.charCodeAt(i + 1), needle.charCodeAt(i + 2));
        const f = (textFreq ? (textFreq[h] as number) * 1000 : 0) + (freq.get(h) ?? 0);
        if (f < bestF) {
          bestF = f;
          best = i;
        }
      }
      const h = tri(
        needle.charCodeAt(best),
        needle.charCodeAt(best + 1),
        needle.charCodeAt(best + 2),
      );
      tris.push({ h, needle, offset: best, atom });
    }
    this.tri = tris.length > 0 ? new Table(TABLE, tris) : null;
    this.bi = bis.length > 0 ? new Table(BI, bis) : null;
    this.uni = unis.length > 0 ? new Table(UNI, unis) : null;
  }

  /** True when `searchFolded` may be used (sparse mode, ASCII needles). */
  get foldable(): boolean {
    return this.sparse?.needles.every((n) => ASCII_ONLY.test(n)) ?? false;
  }

  /**
   * Like `search(s.toLowerCase(), hit)` without building the lowercased string (sparse mode with
   * ASCII needles only). Lowercasing maps each character to one character except U+0130, and no
   * other non-ASCII character lowercases to ASCII except U+212A: values holding either take the
   * plain path.
   */
  searchFolded(s: string, hit: (atom: number) => void, seen = NO_SEEN, epoch = -1): void {
    const n = s.length;
    if (n < this.minLength) return;
    if (s.indexOf("\u0130") >= 0 || s.indexOf("\u212a") >= 0) {
      this.search(s.toLowerCase(), hit, seen, epoch);
      return;
    }
    const sp = this.sparse as Table;
    const start = sp.start;
    const gram = this.gram;
    for (let i = 0; i + gram <= n; i += this.step) {
      const h = foldedGramHash(s, i, gram);
      for (let k = start[h] as number, end = start[h + 1] as number; k < end; k++) {
        const atom = sp.atoms[k] as number;
        if (seen[atom] === epoch) continue;
        const at = i - (sp.offsets[k] as number);
        if (at >= 0 && foldedStartsWith(s, sp.needles[k] as string, at)) hit(atom);
      }
    }
  }

  /**
   * Calls `hit(atom)` for every needle found in `s` (possibly more than once per atom). Atoms
   * with `seen[atom] === epoch` are already known to occur and are not looked for again.
   */
  search(s: string, hit: (atom: number) => void, seen = NO_SEEN, epoch = -1): void {
    const n = s.length;
    if (n < this.minLength) return;
    const sp = this.sparse;
    if (sp !== null) {
      const start = sp.start;
      const gram = this.gram;
      for (let i = 0; i + gram <= n; i += this.step) {
        const h = gramHash(s, i, gram);
        for (let k = start[h] as number, end = start[h + 1] as number; k < end; k++) {
          const atom = sp.atoms[k] as number;
          if (seen[atom] === epoch) continue;
          const at = i - (sp.offsets[k] as number);
          if (at >= 0 && s.startsWith(sp.needles[k] as string, at)) hit(atom);
        }
      }
      return;
    }
    const t3 = this.tri;
    const t2 = this.bi;
    const t1 = this.uni;
    const s3 = t3 === null ? null : t3.start;
    const s2 = t2 === null ? null : t2.start;
    const s1 = t1 === null ? null : t1.start;
    let a = 0;
    let b = 0;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (s1 !== null) {
        const h = c & (UNI - 1);
        for (let k = s1[h] as number, end = s1[h + 1] as number; k < end; k++) {
          const atom = (t1 as Table).atoms[k] as number;
          if (seen[atom] !== epoch && ((t1 as Table).needles[k] as string).charCodeAt(0) === c) {
            hit(atom);
          }
        }
      }
      if (i >= 1 && s2 !== null) {
        const h = bi(b, c);
        for (let k = s2[h] as number, end = s2[h + 1] as number; k < end; k++) {
          const atom = (t2 as Table).atoms[k] as number;
          if (seen[atom] === epoch) continue;
          const nd = (t2 as Table).needles[k] as string;
          if (nd.charCodeAt(0) === b && nd.charCodeAt(1) === c) hit(atom);
        }
      }
      if (i >= 2 && s3 !== null) {
        const h = tri(a, b, c);
        for (let k = s3[h] as number, end = s3[h + 1] as number; k < end; k++) {
          const atom = (t3 as Table).atoms[k] as number;
          if (seen[atom] === epoch) continue;
          const at = i - 2 - ((t3 as Table).offsets[k] as number);
          if (at >= 0 && s.startsWith((t3 as Table).needles[k] as string, at)) hit(atom);
        }
      }
      a = b;
      b = c;
    }
  }
}
