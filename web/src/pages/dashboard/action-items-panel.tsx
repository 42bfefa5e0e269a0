import { actionItemsApi } from "../../api/postincident";
import { EmptyState } from "../../components/empty-state";
import { ProblemMessage } from "../../components/problem-message";
import { RelativeTime } from "../../components/relative-time";
import { usePolling } from "../../hooks/use-polling";
import { useResource } from "../../hooks/use-resource";
import { Link } from "../../router";

/** Action items past their due date, across incidents. */
export function ActionItemsPanel() {
  const { data, error, reload } = useResource(
    (signal) => actionItemsApi.list({ overdue: true }, signal),
    [],
  );
  usePolling(reload, 60_000);
  return (
    <section aria-labelledby="overdue-actions" className="panel">
      <h2 id="overdue-actions">
        Overdue action items{" "}
        {data && data.length > 0 && (
          <Link to="/action-items?overdue=true" className="small">
            all {data.length}
          </Link>
        )}
      </h2>
      <ProblemMessage error={error} title="Could not load action items" />
      {data && data.length === 0 ? (
        <EmptyState title="No action item is overdue" />
      ) : (
        <ul className="attention-list">
          {data?.slice(0, 6).map((a) => (
            <li key={a.ref}>
              {a.incident ? (
                <Link to={`/incidents/${a.incident.human_id}?tab=postincident`}>{a.title}</Link>
              ) : (
                a.title
              )}{" "}
              <span className="muted small">{a.owner_name ?? a.owner ?? ""}</span>{" "}
              {a.due_at && <RelativeTime at={a.due_at} due prefix="due" />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
