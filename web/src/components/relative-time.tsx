import { useNow } from "../hooks/use-now";
import { displayTimeZone, formatDateTime, formatUtc, relativeTime } from "../lib/time";

interface Props {
  at: string;
  /** Shown in the danger colour when the time has passed (a due time). */
  due?: boolean;
  prefix?: string;
}

/** The hover title of every shown time: the time in the display zone, then the UTC instant. */
const zonedTitle = (at: string) => `${formatDateTime(at)} ${displayTimeZone()} · ${formatUtc(at)}`;

/**
 * "in 25 min" / "3 h ago", with the exact time in the user's zone and in UTC on hover (and the
 * instant in `dateTime` for machines).
 */
export function RelativeTime({ at, due, prefix }: Props) {
  const now = useNow();
  const overdue = due === true && new Date(at).getTime() < now.getTime();
  return (
    <time dateTime={at} title={zonedTitle(at)} className={overdue ? "overdue" : undefined}>
      {prefix ? `${prefix} ` : ""}
      {relativeTime(at, now)}
      {overdue ? " · overdue" : ""}
    </time>
  );
}

/** "23 Nov 2026, 14:05" in the user's display zone, with the zone and the UTC instant on hover. */
export function DateTime({ at }: { at: string }) {
  return (
    <time dateTime={at} title={zonedTitle(at)}>
      {formatDateTime(at)}
    </time>
  );
}
