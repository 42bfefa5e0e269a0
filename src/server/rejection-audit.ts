/**
 * How many refused API tokens are written to the audit log: a flood of made-up tokens must not
 * turn into a flood of hash-chained audit writes. Each address gets `perMinute` audited refusals
 * a minute; past that they are counted, and the next audited refusal from that address says how
 * many went unwritten before it, so the log still tells how hard someone tried. The request log
 * keeps rate-limit refusals (429) the same way (request-log.ts).
 */
export class RejectionAudit {
  readonly #addresses = new Map<string, { audited: number; unwritten: number }>();
  #minute = Number.NaN;

  constructor(
    private readonly now: () => number,
    private readonly perMinute = 10,
  ) {}

  /** Whether to audit this refusal, and how many from the address went unwritten before it. */
  take(address: string): { audit: boolean; unwritten: number } {
    const minute = Math.floor(this.now() / 60_000);
    if (minute !== this.#minute) {
      // A new minute: every address starts again; only those that owe a count are kept.
      for (const [a, s] of this.#addresses)
        if (s.unwritten === 0) this.#addresses.delete(a);
        else s.audited = 0;
      this.#minute = minute;
    }
    let seen = this.#addresses.get(address);
    if (!seen) {
      seen = { audited: 0, unwritten: 0 };
      this.#addresses.set(address, seen);
    }
    if (seen.audited >= this.perMinute) {
      seen.unwritten++;
      return { audit: false, unwritten: 0 };
    }
    seen.audited++;
    const unwritten = seen.unwritten;
    seen.unwritten = 0;
    return { audit: true, unwritten };
  }
}
