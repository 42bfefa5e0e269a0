import { randomFillSync } from "node:crypto";

const pool = Buffer.alloc(10 * 1024);
let at = pool.length;

/**
 * A UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. Event ids grow
 * with time, so a batch appends to the end of the primary-key index instead of touching pages
 * all over it (random v4 ids made each batch rewrite most of the index), and ids sort by arrival.
 */
export function eventId(now = Date.now()): string {
  if (at + 10 > pool.length) {
    randomFillSync(pool);
    at = 0;
  }
  const b = Buffer.alloc(16);
  b.writeUIntBE(now, 0, 6);
  pool.copy(b, 6, at, at + 10);
  at += 10;
  b[6] = ((b[6] as number) & 0x0f) | 0x70;
  b[8] = ((b[8] as number) & 0x3f) | 0x80;
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
