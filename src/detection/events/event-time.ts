/**
 * The time an event says it happened, in every shape the supported inputs write it. Only shapes
 * recognised here count: a value that merely looks like a date to `Date.parse` (which reads
 * "Mar 7 14:03:22" as 2001 and "12" as 2001-12-01) is not a time, because correlation windows
 * must never count events on a made-up time (docs/event-time.md).
 */
import type { Fields } from "./flatten.js";

/** Fields that carry an event's time, most specific first. */
export const TIME_FIELDS = [
  "TimeCreated_SystemTime",
  "@timestamp",
  "timestamp",
  "event.created",
  "eventTime",
  "time",
  "published",
  "UtcTime",
  "EventTime",
  "TimeCreated",
  "date",
];

const DAY = 86_400_000;
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
/** Milliseconds between 1601-01-01 (FILETIME's epoch) and 1970-01-01. */
const FILETIME_EPOCH_MS = 11_644_473_600_000;

// ISO 8601 / RFC 3339, `T` or a space between date and time (python-evtx and Sysmon write a
// space), any fraction, a zone as Z, UTC, GMT or an offset; no zone is UTC.
const ISO =
  /^(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d)(?::(\d\d)(?:[.,](\d+))?)?)?\s*(Z|UTC|GMT|[+-]\d\d(?::?\d\d)?)?$/i;
// RFC 2822 / HTTP dates: "Tue, 19 Mar 2019 23:34:25 GMT", "19 Mar 2019 23:34:25 +0100".
const RFC2822 =
  /^(?:[a-z]{3},\s*)?(\d{1,2})\s+([a-z]{3})\s+(\d{4})\s+(\d\d):(\d\d)(?::(\d\d))?\s*(Z|UT|UTC|GMT|[+-]\d\d:?\d\d)?$/i;
// BSD syslog (RFC 3164): "Mar  7 14:03:22", no year and no zone.
const SYSLOG = /^([a-z]{3})\s+(\d{1,2})\s+(\d\d):(\d\d):(\d\d)(?:\.(\d+))?$/i;

/** UTC ms from parts, or undefined when a part is out of range (no rolling 31 Feb into March). */
function utc(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number | undefined {
  const t = Date.UTC(y, mo, d, h, mi, s, ms);
  const back = new Date(t);
  if (back.getUTCMonth() !== mo || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 60)
    return undefined;
  return t;
}

/** Minutes east of UTC for Z, UTC, GMT, +hh, +hhmm or +hh:mm. */
function offsetMinutes(zone: string | undefined): number {
  if (!zone || /^(z|ut|utc|gmt)$/i.test(zone)) return 0;
  const digits = zone.slice(1).replace(":", "");
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0);
  return zone[0] === "-" ? -minutes : minutes;
}

const fraction = (f: string | undefined) => (f ? Number(f.slice(0, 3).padEnd(3, "0")) : 0);
const month = (name: string) => MONTHS.indexOf(name.toLowerCase());
/** A matched digit group as a number; an optional group that did not match is 0. */
const num = (digits: string | undefined) => Number(digits ?? 0);

/**
 * A number as a time: epoch seconds (from 1973), milliseconds, microseconds, Windows FILETIME
 * (100 ns since 1601: 1e17–2.5e17, 1917–2393) or nanoseconds (from 2001). The gaps between the
 * ranges (below 1e8, 1e16–1e17, 2.5e17–1e18) are ambiguous and not taken as times.
 */
function fromNumber(v: number): number | undefined {
  if (!Number.isFinite(v) || v < 1e8) return undefined;
  if (v < 1e11) return Math.round(v * 1000);
  if (v < 1e14) return Math.round(v);
  if (v < 1e16) return Math.round(v / 1000);
  if (v < 1e17) return undefined;
  if (v < 2.5e17) return Math.round(v / 10_000) - FILETIME_EPOCH_MS;
  if (v < 1e18) return undefined;
  if (v < 1e19) return Math.round(v / 1e6);
  return undefined;
}

/**
 * Parses an event time to ms since the epoch, or undefined when `v` is no time this recognises.
 * `reference` (ms, default now) supplies the year of a syslog time without one: the year that
 * puts it at most a day after the reference (a December line read in January is last year's).
 */
export function parseTime(v: unknown, reference: number = Date.now()): number | undefined {
  if (typeof v === "number") return fromNumber(v);
  if (typeof v === "bigint") return fromNumber(Number(v));
  if (typeof v !== "string") return undefined;
  const s = v.trim();
  if (/^\d{9,19}(\.\d+)?$/.test(s)) return fromNumber(Number(s));
  if (/^0x[0-9a-f]{15,16}$/i.test(s)) return fromNumber(Number(BigInt(s)));
  // PowerShell's ConvertTo-Json writes DateTime as "/Date(ms)/".
  const ps = /^\/Date\((\d+)(?:[+-]\d{4})?\)\/$/.exec(s);
  if (ps) return fromNumber(Number(ps[1]));
  let m = ISO.exec(s);
  if (m) {
    const [, y, mo, d, h, mi, sec, frac, zone] = m;
    const t = utc(num(y), num(mo) - 1, num(d), num(h), num(mi), num(sec), fraction(frac));
    return t === undefined ? undefined : t - offsetMinutes(zone) * 60_000;
  }
  m = RFC2822.exec(s);
  if (m) {
    const [, d, mon, y, h, mi, sec, zone] = m;
    const t = utc(num(y), month(mon ?? ""), num(d), num(h), num(mi), num(sec));
    return t === undefined ? undefined : t - offsetMinutes(zone) * 60_000;
  }
  m = SYSLOG.exec(s);
  if (m) {
    const [, mon, d, h, mi, sec, frac] = m;
    const year = new Date(reference).getUTCFullYear();
    const at = (y: number) =>
      utc(y, month(mon ?? ""), num(d), num(h), num(mi), num(sec), fraction(frac));
    const t = at(year);
    // 29 February read in a year that has none is last year's, or no time.
    return t === undefined || t > reference + DAY ? at(year - 1) : t;
  }
  return undefined;
}

/** The event's own time from its flat fields: the first time field that holds a time. */
export function eventTime(fields: Fields, reference?: number): number | undefined {
  for (const name of TIME_FIELDS) {
    const raw = fields[name];
    const v = Array.isArray(raw) ? raw[0] : raw;
    if (v === undefined || v === null || v === "" || v === "-") continue;
    const t = parseTime(v, reference);
    if (t !== undefined) return t;
  }
  return undefined;
}
