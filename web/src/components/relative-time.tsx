import { useNow } from "../hooks/use-now";
import { formatDateTime, relativeTime } from "../lib/time";

interface Props {
  at: string;
  /** Shown in the danger colour when the time has passed (a due time). */
  due?: boolean;
  prefix?: string;
}

/** "in 25 min" / "3 h ago", with the exact local time on hover (and in `dateTime` for machines). */
export function RelativeTime({ at, due, prefix }: Props) {
  const now = useNow();
  const overdue = due === true && new Date(at).getTime() < now.getTime();
  return (
    <time dateTime={at} title={formatDateTime(at)} className={overdue ? "overdue" : undefined}>
      {prefix ? `${prefix} ` : ""}
      {relativeTime(at, now)}
      {overdue ? " · overdue" : ""}
    </time>
  );
}
