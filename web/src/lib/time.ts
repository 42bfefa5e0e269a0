/** Human time: "in 25 min", "3 h ago", ISO 8601 durations as "1 h 30 min". */

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

/** Local date and time, unambiguous across days: "23 Nov 2026, 14:05". */
export function formatDateTime(at: string | Date): string {
  return new Date(at).toLocaleString(undefined, {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  });
}

export function formatTime(at: string | Date): string {
  return new Date(at).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
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

/** A value for `<input type="datetime-local">` → ISO 8601 UTC, or undefined when empty. */
export function localInputToIso(value: string): string | undefined {
  if (!value) return undefined;
  const t = new Date(value);
  return Number.isNaN(t.getTime()) ? undefined : t.toISOString();
}
