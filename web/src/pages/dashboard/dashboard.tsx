import { PhaseBadge, SeverityBadge } from "../../components/badges";
import { EmptyState } from "../../components/empty-state";
import { Loading } from "../../components/loading";
import { PageHeader } from "../../components/page-header";
import { Actor, Person } from "../../components/person";
import { ProblemMessage } from "../../components/problem-message";
import { RelativeTime } from "../../components/relative-time";
import { severityRank } from "../../lib/labels";
import { describeEntry } from "../../lib/timeline-text";
import { useCurrentPlan } from "../../plan-context";
import { Link } from "../../router";
import { GetStartedCard } from "../get-started/get-started-card";
import { ActionItemsPanel } from "./action-items-panel";
import { AlertQueuePanel } from "./alert-queue-panel";
import { ClockPanel } from "./clock-panel";
import { SeverityPhaseGrid } from "./severity-phase-grid";
import { useDashboard } from "./use-dashboard";

/** How many open incidents lead the page: enough to act on, few enough to leave room below. */
const LEAD = 5;

/**
 * The first screen, in the order people act on it: the open incidents worst first, then what
 * needs the signed-in person now (their tasks, what is overdue, the clocks, the alert queue),
 * both above the fold on a laptop and a phone; then the breakdown by severity and phase, the
 * overdue action items and the recent activity.
 */
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
  const mineIds = new Set(data.mine.map((m) => m.task.id));
  const othersOverdue = data.overdue.filter((o) => !mineIds.has(o.task.id));
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
      <GetStartedCard />

      <section aria-labelledby="open-list" className="panel">
        <h2 id="open-list">
          Open incidents, worst first{" "}
          {worstFirst.length > LEAD && (
            <Link to="/incidents" className="small">
              all {worstFirst.length}
            </Link>
          )}
        </h2>
        {worstFirst.length === 0 ? (
          <EmptyState title="No open incidents">
            <p>Declare one when something happens; its procedure becomes the checklist.</p>
          </EmptyState>
        ) : (
          <ul className="open-list">
            {worstFirst.slice(0, LEAD).map((i) => (
              <li key={i.id}>
                <Link to={`/incidents/${i.human_id}`}>
                  <span className="mono">{i.human_id}</span> {i.title}
                </Link>
                <span className="open-list-meta">
                  <SeverityBadge plan={plan} severity={i.severity} />
                  <PhaseBadge phase={i.phase} />
                  <span className="muted">
                    {i.commander ? <Person id={i.commander} plan={plan} /> : "no commander"}
                  </span>
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <div className="dashboard-columns">
        <section aria-labelledby="attention" className="panel">
          <h2 id="attention">Needs me now</h2>
          {data.mine.length === 0 && data.overdue.length === 0 && unacknowledged.length === 0 ? (
            <EmptyState title="Nothing waiting for you">
              <p>No task is assigned to you, and nothing of the active incidents is overdue.</p>
            </EmptyState>
          ) : (
            <ul className="attention-list">
              {data.mine.map(({ incident, task }) => (
                <li key={`mine-${task.id}`}>
                  <Link to={`/incidents/${incident.human_id}`}>
                    <span className="mono">{incident.human_id}</span> {task.title}
                  </Link>{" "}
                  <span className="muted">your task</span>
                  {task.due_at && (
                    <>
                      {" · "}
                      <RelativeTime at={task.due_at} due prefix="due" />
                    </>
                  )}
                </li>
              ))}
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
              {othersOverdue.map(({ incident, task }) => (
                <li key={task.id}>
                  <Link to={`/incidents/${incident.human_id}`}>
                    <span className="mono">{incident.human_id}</span> {task.title}
                  </Link>{" "}
                  {task.due_at && <RelativeTime at={task.due_at} due prefix="due" />}
                  {task.assignee && (
                    <span className="muted">
                      {" "}
                      · <Person id={task.assignee} plan={plan} />
                    </span>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
        <ClockPanel />
        <AlertQueuePanel plan={plan} />
      </div>

      <section aria-labelledby="by-severity" className="panel">
        <h2 id="by-severity">Open incidents by severity{data.truncated ? " (first 500)" : ""}</h2>
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
        {data.open.length > 0 && <SeverityPhaseGrid incidents={data.open} plan={plan} />}
      </section>

      <div className="dashboard-columns">
        <ActionItemsPanel />
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
                    <Actor actor={entry.actor} plan={plan} />
                    <RelativeTime at={entry.recorded_at} />
                  </div>
                  <p>{describeEntry(plan, entry)}</p>
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
    </>
  );
}
