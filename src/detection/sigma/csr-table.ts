/** Compact hash tables for the prefilter's needle indexes. */

/** A hash table in CSR layout: entries of bucket h are start[h] .. start[h+1]-1. */
export class Table {
  readonly start: Int32Array;
  readonly needles: string[] = [];
  readonly offsets: number[] = [];
  readonly atoms: number[] = [];

  constructor(
    size: number,
    entries: { h: number; needle: string; offset: number; atom: number }[],
  ) {
    this.start = new Int32Array(size + 1);
    entries.sort((x, y) => x.h - y.h);
    let k = 0;
    for (let h = 0; h <= size; h++) {
      this.start[h] = k;
      while (k < entries.length && (entries[k] as { h: number }).h === h) {
        const e = entries[k] as { needle: string; offset: number; atom: number };
        this.needles.push(e.needle);
        this.offsets.push(e.offset);
        this.atoms.push(e.atom);
        k++;
      }
    }
  }
}
