import { useState } from "react";
import { alertsApi } from "../../api/alerts";
import { SeverityBadge } from "../../components/badges";
import { EmptyState } from "../../components/empty-state";
import { announce } from "../../components/live-region";
import { Loading } from "../../components/loading";
import { PageHeader } from "../../components/page-header";
import { Actor } from "../../components/person";
import { ProblemMessage } from "../../components/problem-message";
import { DateTime, RelativeTime } from "../../components/relative-time";
import { useResource } from "../../hooks/use-resource";
import { SOURCE_LABEL } from "../../lib/labels";
import { formatDateTime } from "../../lib/time";
import { useCurrentPlan } from "../../plan-context";
import { Link } from "../../router";
import { useSession } from "../../session-context";
import { type AlertAction, AlertDialogs } from "./alert-dialogs";

/** One alert: what raised it, where, how often, the events behind it, and the decisions. */
export function AlertDetail({ alertId }: { alertId: string }) {
  const plan = useCurrentPlan().data?.body;
  const { canWrite } = useSession();
  const {
    data: alert,
    error,
    reload,
  } = useResource((signal) => alertsApi.get(alertId, signal), [alertId]);
  const [action, setAction] = useState<AlertAction>();
  const [actionError, setActionError] = useState<unknown>();

  if (!alert)
    return (
      <>
        <PageHeader title="Alert" />
        {error ? <ProblemMessage error={error} title="Could not load the alert" /> : <Loading />}
      </>
    );

  const quick = async (what: "acknowledge" | "resolve") => {
    setActionError(undefined);
    try {
      await alertsApi[what](alert.id);
      announce(what === "acknowledge" ? "Alert acknowledged" : "Alert resolved");
      void reload();
    } catch (e) {
      setActionError(e);
    }
  };
  const open = alert.status === "open" || alert.status === "acknowledged";
  // A Sigma rule's own words about what it detects and what else looks like it.
  const rule = alert.payload.rule as
    | { description?: string; falsepositives?: string[] }
    | undefined;

  return (
    <>
      <PageHeader
        title={alert.title}
        actions={
          canWrite &&
          !alert.incident_id && (
            <>
              {alert.status === "open" && (
                <button type="button" className="button" onClick={() => void quick("acknowledge")}>
                  Acknowledge
                </button>
              )}
              {open && (
                <>
                  <button type="button" className="button" onClick={() => setAction("suppress")}>
                    Suppress
                  </button>
                  <button type="button" className="button" onClick={() => void quick("resolve")}>
                    Resolve
                  </button>
                  <button type="button" className="button" onClick={() => setAction("attach")}>
                    Attach to incident
                  </button>
                  <button
                    type="button"
                    className="button primary"
                    onClick={() => setAction("declare")}
                  >
                    Declare incident
                  </button>
                </>
              )}
            </>
          )
        }
      >
        <div className="room-meta">
          <SeverityBadge plan={plan} severity={alert.severity} />
          <span className={`badge alert-${alert.status}`}>{alert.status}</span>
          {alert.status_by && alert.status !== "open" && (
            <span className="muted">
              by <Actor actor={alert.status_by} plan={plan} />
            </span>
          )}
          {alert.incident_id && (
            <Link to={`/incidents/${alert.incident_id}`}>Part of an incident</Link>
          )}
        </div>
      </PageHeader>
      <ProblemMessage error={actionError} title="That did not work" />
      <dl className="facts">
        <div>
          <dt>Source</dt>
          <dd>{SOURCE_LABEL[alert.source]}</dd>
        </div>
        {alert.rule_id && (
          <div>
            <dt>Rule</dt>
            <dd className="mono">{alert.rule_id}</dd>
          </div>
        )}
        <div>
          <dt>Occurrences</dt>
          <dd>{alert.count}</dd>
        </div>
        <div>
          <dt>First seen</dt>
          <dd>
            <RelativeTime at={alert.first_seen} />
          </dd>
        </div>
        <div>
          <dt>Last seen</dt>
          <dd>
            <RelativeTime at={alert.last_seen} />
          </dd>
        </div>
        {alert.entities.host && (
          <div>
            <dt>Host</dt>
            <dd>{alert.entities.host}</dd>
          </div>
        )}
        {alert.entities.user && (
          <div>
            <dt>User</dt>
            <dd>{alert.entities.user}</dd>
          </div>
        )}
        <div>
          <dt>Dedup key</dt>
          <dd className="mono">{alert.dedup_key}</dd>
        </div>
      </dl>
      {alert.suppression_reason && (
        <p className="notice">
          Suppressed
          {alert.suppressed_until ? ` until ${formatDateTime(alert.suppressed_until)}` : ""}:{" "}
          {alert.suppression_reason}
        </p>
      )}

      {rule?.description && (
        <section className="panel" aria-labelledby="rule-title">
          <h2 id="rule-title">Why it fired</h2>
          <p className="description">{rule.description}</p>
          {rule.falsepositives && rule.falsepositives.length > 0 && (
            <>
              <h3>Known false positives</h3>
              <ul>
                {rule.falsepositives.map((f) => (
                  <li key={f}>{f}</li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}

      <section className="panel" aria-labelledby="events-title">
        <h2 id="events-title">
          Events behind it{" "}
          <span className="muted small">
            ({alert.events.length} of {alert.events_total})
          </span>
        </h2>
        {alert.events.length === 0 ? (
          <EmptyState title="No events">
            <p>Alerts from external monitors carry their payload instead (below).</p>
          </EmptyState>
        ) : (
          <ol className="events">
            {alert.events.map((e) => (
              <li key={e.id}>
                <details>
                  <summary>
                    <DateTime at={e.time ?? e.received_at} />{" "}
                    <span className="muted">
                      {[e.entities.host, e.entities.user, e.entities.process?.image]
                        .filter(Boolean)
                        .join(" · ")}
                    </span>
                  </summary>
                  <pre className="json">{JSON.stringify(e.raw, null, 2)}</pre>
                </details>
              </li>
            ))}
          </ol>
        )}
      </section>
      <section className="panel" aria-labelledby="payload-title">
        <h2 id="payload-title">Payload</h2>
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: it scrolls (max-height), so it takes focus for a keyboard to scroll it (axe: scrollable-region-focusable) */}
        <pre className="json" tabIndex={0}>
          {JSON.stringify(alert.payload, null, 2)}
        </pre>
      </section>
      <AlertDialogs
        action={action}
        alerts={[alert]}
        plan={plan}
        onClose={() => setAction(undefined)}
        onDone={() => void reload()}
      />
    </>
  );
}
