import type { Clock } from "../../api/comms";
import type { PlanBody } from "../../api/documents";
import type { IncidentDetail } from "../../api/incidents";
import { PhaseBadge, SeverityBadge } from "../../components/badges";
import { PageHeader } from "../../components/page-header";
import { Person } from "../../components/person";
import { RelativeTime } from "../../components/relative-time";
import type { StreamState } from "../../hooks/use-incident-stream";
import { attributeLabel, typeName } from "../../lib/labels";
import { Link } from "../../router";

const LIVE_TEXT: Record<StreamState, string> = {
  connecting: "Connecting…",
  live: "Live",
  reconnecting: "Reconnecting…",
};

interface Props {
  incident: IncidentDetail;
  plan: PlanBody | undefined;
  live: StreamState;
  actions: React.ReactNode;
  /** The most urgent regulatory deadline still open. */
  deadline?: { clock: Clock; due: string };
}

/** Who, what and how bad: the incident's identity and state at a glance. */
export function RoomHeader({ incident, plan, live, actions, deadline }: Props) {
  const attributes = Object.entries(incident.attributes);
  return (
    <header className="room-header">
      <PageHeader
        title={
          <>
            <span className="mono human-id">{incident.human_id}</span> {incident.title}
          </>
        }
        tabTitle={`${incident.human_id} ${incident.title}`}
        actions={actions}
      >
        <div className="room-meta">
          <SeverityBadge plan={plan} severity={incident.severity} />
          <PhaseBadge phase={incident.phase} />
          {incident.exercise && <span className="badge exercise">Exercise</span>}
          {incident.restricted && <span className="badge restricted">Restricted</span>}
          <span
            className={`live-indicator live-${live}`}
            title="Changes by others appear here as they happen"
          >
            <span className="dot" aria-hidden="true" />
            {LIVE_TEXT[live]}
          </span>
        </div>
      </PageHeader>
      <dl className="facts">
        <div>
          <dt>Commander</dt>
          <dd>
            {incident.commander ? (
              <Person id={incident.commander} plan={plan} />
            ) : (
              <span className="muted">not assigned</span>
            )}
          </dd>
        </div>
        <div>
          <dt>Type</dt>
          <dd>{typeName(plan, incident.type)}</dd>
        </div>
        <div>
          <dt>Declared</dt>
          <dd>
            <RelativeTime at={incident.times.declared_at} />
          </dd>
        </div>
        <div>
          <dt>Acknowledged</dt>
          <dd>
            {incident.times.acknowledged_at ? (
              <RelativeTime at={incident.times.acknowledged_at} />
            ) : (
              <span className="warning-text">not yet</span>
            )}
          </dd>
        </div>
        {deadline && (
          <div>
            <dt>Next regulatory deadline</dt>
            <dd>
              <Link to="?tab=clocks">{deadline.clock.regulation}</Link>{" "}
              <RelativeTime at={deadline.due} due prefix="due" />
            </dd>
          </div>
        )}
        {incident.end_reason && (
          <div>
            <dt>Ended because</dt>
            <dd>{incident.end_reason}</dd>
          </div>
        )}
      </dl>
      {incident.description && <p className="description">{incident.description}</p>}
      {attributes.length > 0 && (
        <ul className="chips" aria-label="Attributes">
          {attributes.map(([k, v]) => (
            <li key={k} className="chip">
              <span>{attributeLabel(plan, k)}</span>
              {v === true ? "" : `: ${Array.isArray(v) ? v.join(", ") : String(v)}`}
            </li>
          ))}
        </ul>
      )}
    </header>
  );
}
