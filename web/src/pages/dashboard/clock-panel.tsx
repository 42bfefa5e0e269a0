import { clocksApi } from "../../api/comms";
import { EmptyState } from "../../components/empty-state";
import { ProblemMessage } from "../../components/problem-message";
import { RelativeTime } from "../../components/relative-time";
import { usePolling } from "../../hooks/use-polling";
import { useResource } from "../../hooks/use-resource";
import { Link } from "../../router";

/** Regulatory clocks running across incidents, most urgent first, with time left. */
export function ClockPanel() {
  const { data, error, reload } = useResource((signal) => clocksApi.running(signal), []);
  usePolling(reload, 30_000);
  return (
    <section aria-labelledby="clocks-title" className="panel">
      <h2 id="clocks-title">Regulatory clocks</h2>
      <ProblemMessage error={error} title="Could not load the clocks" />
      {data && data.length === 0 ? (
        <EmptyState title="No clock is running" />
      ) : (
        <ul className="attention-list">
          {data?.slice(0, 8).map((c) => (
            <li key={`${c.incident.id}-${c.obligation_id}`}>
              <Link to={`/incidents/${c.incident.human_id}?tab=clocks`}>
                <span className="mono">{c.incident.human_id}</span> {c.regulation}
              </Link>{" "}
              {c.next_due_at && <RelativeTime at={c.next_due_at} due prefix="due" />}
              {c.state === "due_soon" && <span className="warning-text"> · due soon</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
