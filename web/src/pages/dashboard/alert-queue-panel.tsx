import { alertsApi } from "../../api/alerts";
import type { PlanBody } from "../../api/documents";
import { SeverityBadge } from "../../components/badges";
import { EmptyState } from "../../components/empty-state";
import { ProblemMessage } from "../../components/problem-message";
import { RelativeTime } from "../../components/relative-time";
import { usePolling } from "../../hooks/use-polling";
import { useResource } from "../../hooks/use-resource";
import { Link } from "../../router";

/** The newest alerts waiting for triage (acknowledged ones too: nobody has decided yet). */
export function AlertQueuePanel({ plan }: { plan: PlanBody | undefined }) {
  const { data, error, reload } = useResource(
    (signal) => alertsApi.list({ triage: true, limit: 8 }, signal),
    [],
  );
  usePolling(reload, 15_000);
  return (
    <section aria-labelledby="queue-title" className="panel">
      <h2 id="queue-title">
        Alert queue{" "}
        {data && data.items.length > 0 && (
          <Link to="/alerts" className="small">
            triage all
          </Link>
        )}
      </h2>
      <ProblemMessage error={error} title="Could not load alerts" />
      {data && data.items.length === 0 ? (
        <EmptyState title="Nothing waiting for triage" />
      ) : (
        <ul className="attention-list">
          {data?.items.map((a) => (
            <li key={a.id}>
              <SeverityBadge plan={plan} severity={a.severity} />{" "}
              <Link to={`/alerts/${a.id}`}>{a.title}</Link>{" "}
              {a.status === "acknowledged" && (
                <span className="badge alert-acknowledged">acknowledged</span>
              )}{" "}
              <span className="muted small">
                ×{a.count} · <RelativeTime at={a.last_seen} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
