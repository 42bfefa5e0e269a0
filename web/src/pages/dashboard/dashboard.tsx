import { PhaseBadge, SeverityBadge } from "../../components/badges";
import { EmptyState } from "../../components/empty-state";
import { Loading } from "../../components/loading";
import { PageHeader } from "../../components/page-header";
import { ProblemMessage } from "../../components/problem-message";
import { RelativeTime } from "../../components/relative-time";
import { actorName, personName, severityRank } from "../../lib/labels";
import { describeEntry } from "../../lib/timeline-text";
import { useCurrentPlan } from "../../plan-context";
import { Link } from "../../router";
import { ActionItemsPanel } from "./action-items-panel";
import { AlertQueuePanel } from "./alert-queue-panel";
import { ClockPanel } from "./clock-panel";
import { SeverityPhaseGrid } from "./severity-phase-grid";
import { useDashboard } from "./use-dashboard";

/** The first screen: what is open, how bad, where it stands, and what is late. */
export function Dashboard() {
  const plan = useCurrentPlan().data?.body;
  const { data, error, loading } = useDashboard();

  if (!data)
    return (
      <>
        <PageHeader title="Dashboard" />
        {error ? (
          <ProblemMessage error={error} title="Could not load the dashboard" />
        ) : (
          loading && <Loading />
        )}
      </>
    );

  const scale = [...(plan?.severity_scale ?? [])].reverse();
  const unacknowledged = data.open.filter((i) => !i.times.acknowledged_at);
  const worstFirst = [...data.open].sort(
    (a, b) =>
      severityRank(plan, b.severity) - severityRank(plan, a.severity) ||
      b.times.declared_at.localeCompare(a.times.declared_at),
  );

  return (
    <>
      <PageHeader
        title="Dashboard"
        actions={
          <Link to="/incidents/new" className="button primary" aria-keyshortcuts="n">
            Declare incident
          </Link>
        }
      />
      <ProblemMessage error={error} title="Could not refresh; showing what was loaded before" />

      <section aria-labelledby="by-severity" className="panel">
        <h2 id="by-severity">Open incidents{data.truncated ? " (first 500)" : ""}</h2>
        <ul className="severity-cards">
          {scale.map((s) => {
            const n = data.open.filter((i) => i.severity === s.id).length;
            return (
              <li
                key={s.id}
                className={`severity-card sev-border-${severityRank(plan, s.id)}${n ? "" : " zero"}`}
              >
                <Link to={`/incidents?severity=${s.id}`}>
                  <span className="severity-count">{n}</span>
                  <span className="severity-label">{s.name}</span>
                </Link>
              </li>
            );
          })}
        </ul>
        {data.open.length > 0 ? (
          <SeverityPhaseGrid incidents={data.open} plan={plan} />
        ) : (
          <EmptyState title="No open incidents">
            <p>Declare one when something happens; its procedure becomes the checklist.</p>
          </EmptyState>
        )}
      </section>

      <div className="dashboard-columns">
        <ClockPanel />
        <AlertQueuePanel plan={plan} />
        <ActionItemsPanel />
      </div>

      <div className="dashboard-columns">
        <section aria-labelledby="attention" className="panel">
          <h2 id="attention">Needs attention</h2>
          {data.overdue.length === 0 && unacknowledged.length === 0 ? (
            <EmptyState title="Nothing overdue">
              <p>Every task of the recently active incidents is within its time target.</p>
            </EmptyState>
          ) : (
            <ul className="attention-list">
              {unacknowledged.map((i) => (
                <li key={`ack-${i.id}`}>
                  <Link to={`/incidents/${i.human_id}`}>
                    <span className="mono">{i.human_id}</span> not acknowledged
                  </Link>{" "}
                  <span className="muted">
                    declared <RelativeTime at={i.times.declared_at} />
                  </span>
                </li>
              ))}
              {data.overdue.map(({ incident, task }) => (
                <li key={task.id}>
                  <Link to={`/incidents/${incident.human_id}`}>
                    <span className="mono">{incident.human_id}</span> {task.title}
                  </Link>{" "}
                  {task.due_at && <RelativeTime at={task.due_at} due prefix="due" />}
                  {task.assignee && (
                    <span className="muted"> · {personName(plan, task.assignee)}</span>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>

        <section aria-labelledby="recent" className="panel">
          <h2 id="recent">Recent activity</h2>
          {data.activity.length === 0 ? (
            <EmptyState title="No activity yet" />
          ) : (
            <ol className="activity">
              {data.activity.map(({ incident, entry }) => (
                <li key={`${incident.id}-${entry.seq}`}>
                  <div className="activity-head">
                    <Link to={`/incidents/${incident.human_id}`} className="mono">
                      {incident.human_id}
                    </Link>
                    <span>{actorName(plan, entry.actor)}</span>
                    <RelativeTime at={entry.recorded_at} />
                  </div>
                  <p>{describeEntry(plan, entry)}</p>
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>

      {worstFirst.length > 0 && (
        <section aria-labelledby="open-list" className="panel">
          <h2 id="open-list">Open incidents, worst first</h2>
          <ul className="open-list">
            {worstFirst.slice(0, 20).map((i) => (
              <li key={i.id}>
                <Link to={`/incidents/${i.human_id}`}>
                  <span className="mono">{i.human_id}</span> {i.title}
                </Link>
                <span className="open-list-meta">
                  <SeverityBadge plan={plan} severity={i.severity} />
                  <PhaseBadge phase={i.phase} />
                  <span className="muted">{personName(plan, i.commander) || "no commander"}</span>
                </span>
              </li>
            ))}
          </ul>
          {worstFirst.length > 20 && (
            <p>
              <Link to="/incidents">All {worstFirst.length} open incidents</Link>
            </p>
          )}
        </section>
      )}
    </>
  );
}
