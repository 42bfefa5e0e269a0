import { add, type Duration } from "date-fns";

/**
 * ISO 8601 durations (`PT30M`, `P1D`, `P1Y`, `P1W`) as the documents write them. Months and years
 * are calendar units, so a duration is added to a date rather than turned into milliseconds.
 */
const ISO_DURATION =
  /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

export function parseDuration(text: string): Duration | undefined {
  const m = ISO_DURATION.exec(text);
  if (!m || text === "P" || text.endsWith("T")) return undefined;
  const [, years, months, weeks, days, hours, minutes, seconds] = m.map((v) =>
    v === undefined ? undefined : Number(v),
  );
  const d: Duration = { years, months, weeks, days, hours, minutes, seconds };
  for (const k of Object.keys(d) as (keyof Duration)[]) if (d[k] === undefined) delete d[k];
  return d;
}

export function isDuration(text: string): boolean {
  return parseDuration(text) !== undefined;
}

/** `start + duration`; throws on a malformed duration, which documents reject at load time. */
export function addDuration(start: Date, text: string): Date {
  const d = parseDuration(text);
  if (!d) throw new Error(`not an ISO 8601 duration: ${text}`);
  return add(start, d);
}

/** Milliseconds of a duration counted from `from` (months differ in length). */
export function durationMs(text: string, from: Date = new Date(0)): number {
  return addDuration(from, text).getTime() - from.getTime();
}
