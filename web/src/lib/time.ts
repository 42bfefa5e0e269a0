import { isTimeZone, parseInstantIn } from "../../../src/domain/time-zone";

/**
 * Human time: "in 25 min", "3 h ago", ISO 8601 durations as "1 h 30 min", and dates and times
 * in the signed-in user's display time zone.
 */

/**
 * The zone every date and time is shown in. One value for the whole page, set by
 * `DisplayZoneProvider` (display-zone.tsx) from the session and the plan before anything renders,
 * so that no screen has to pass it around.
 */
let displayZone = "UTC";

export function setDisplayTimeZone(zone: string): void {
  displayZone = zone;
}

export function displayTimeZone(): string {
  return displayZone;
}

/**
 * The zone a user sees times in: their own choice, else the organisation's (the plan in force's
 * `organisation.time_zone`), else UTC. A name this browser does not know counts as unset.
 */
export function effectiveTimeZone(
  own: string | null | undefined,
  organisation: string | null | undefined,
): string {
  for (const zone of [own, organisation]) if (zone && isTimeZone(zone)) return zone;
  return "UTC";
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A short span: "45 s", "25 min", "3 h 10 min", "2 d 4 h". */
export function formatSpan(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < MINUTE) return `${Math.round(abs / 1000)} s`;
  const minutes = Math.round(abs / MINUTE);
  if (minutes < 60) return `${minutes} min`;
  if (abs < DAY) {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    return m > 0 && h < 10 ? `${h} h ${m} min` : `${h} h`;
  }
  const hours = Math.round(abs / HOUR);
  const d = Math.floor(hours / 24);
  const h = hours % 24;
  return h > 0 && d < 7 ? `${d} d ${h} h` : `${d} d`;
}

/** "in 25 min" for the future, "3 h ago" for the past, "just now" within a few seconds. */
export function relativeTime(at: string | Date, now: Date = new Date()): string {
  const ms = new Date(at).getTime() - now.getTime();
  if (Math.abs(ms) < 10_000) return "just now";
  return ms > 0 ? `in ${formatSpan(ms)}` : `${formatSpan(ms)} ago`;
}

/** Date and time in the display zone, unambiguous across days: "23 Nov 2026, 14:05". */
export function formatDateTime(at: string | Date, zone: string = displayZone): string {
  return new Date(at).toLocaleString(undefined, {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: zone,
  });
}

/** The time of day in the display zone: "14:05". */
export function formatTime(at: string | Date, zone: string = displayZone): string {
  return new Date(at).toLocaleTimeString(undefined, {
    hour: "2-digit",
    minute: "2-digit",
    timeZone: zone,
  });
}

/** The instant itself, for a hover title beside a zoned time: "2026-11-23 13:05:09 UTC". */
export function formatUtc(at: string | Date): string {
  const t = new Date(at);
  if (Number.isNaN(t.getTime())) return String(at);
  return `${t.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

const DURATION =
  /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;
const UNITS = ["y", "mo", "wk", "d", "h", "min", "s"];

/** An ISO 8601 duration in words: PT30M → "30 min", P1DT2H → "1 d 2 h"; unknown text as is. */
export function formatDuration(iso: string): string {
  const m = DURATION.exec(iso);
  if (!m) return iso;
  const parts = m
    .slice(1)
    .map((v, i) => (v ? `${Number(v)} ${UNITS[i]}` : ""))
    .filter(Boolean);
  return parts.length > 0 ? parts.join(" ") : "0 min";
}

/**
 * A value of `<input type="datetime-local">` (a wall-clock time, typed in the display zone, not
 * the browser's) → ISO 8601 UTC, or undefined when empty or not a time.
 */
export function localInputToIso(value: string, zone: string = displayZone): string | undefined {
  if (!value) return undefined;
  return parseInstantIn(value, zone)?.toISOString();
}
