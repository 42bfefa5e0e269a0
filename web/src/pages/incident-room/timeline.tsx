import { useState } from "react";
import { errorMessage } from "../../api/client";
import type { PlanBody } from "../../api/documents";
import type { TimelineEntry, TimelineVerdict } from "../../api/incidents";
import { incidentsApi } from "../../api/incidents";
import { EmptyState } from "../../components/empty-state";
import { Actor } from "../../components/person";
import { DateTime, RelativeTime } from "../../components/relative-time";
import {
  describeEntry,
  entryKindLabel,
  TIMELINE_FILTERS,
  type TimelineFilter,
  timelineGroup,
} from "../../lib/timeline-text";

interface Props {
  incidentRef: string;
  entries: TimelineEntry[];
  plan: PlanBody | undefined;
  /** Entries that arrived live, marked briefly. */
  fresh: ReadonlySet<number>;
}

function Verify({ incidentRef }: { incidentRef: string }) {
  const [verdict, setVerdict] = useState<TimelineVerdict | string>();
  const check = async () => {
    try {
      setVerdict(await incidentsApi.verifyTimeline(incidentRef));
    } catch (e) {
      setVerdict(errorMessage(e));
    }
  };
  return (
    <div className="verify">
      <button type="button" className="button small" onClick={check}>
        Verify integrity
      </button>
      <span role="status">
        {typeof verdict === "string"
          ? verdict
          : verdict &&
            (verdict.intact
              ? ` Intact: ${verdict.entries} entries, hash chain unbroken.`
              : ` Broken${verdict.first_bad_seq ? ` at entry ${verdict.first_bad_seq}` : ""}: ${verdict.reason}`)}
      </span>
    </div>
  );
}

/** The incident's append-only timeline, newest first, filterable by what kind of entry. */
export function Timeline({ incidentRef, entries, plan, fresh }: Props) {
  const [filter, setFilter] = useState<TimelineFilter>("all");
  const shown = entries
    .filter((e) => filter === "all" || timelineGroup(e.kind) === filter)
    .slice()
    .reverse();
  return (
    <div className="timeline">
      <fieldset className="segmented timeline-filter">
        <legend className="visually-hidden">Show</legend>
        {(Object.keys(TIMELINE_FILTERS) as TimelineFilter[]).map((f) => (
          <label key={f} className={filter === f ? "selected" : undefined}>
            <input
              type="radio"
              name="timeline-filter"
              value={f}
              checked={filter === f}
              onChange={() => setFilter(f)}
            />
            {TIMELINE_FILTERS[f]}
          </label>
        ))}
      </fieldset>
      {shown.length === 0 ? (
        <EmptyState title="Nothing of this kind yet" />
      ) : (
        <ol className="entries">
          {shown.map((e) => (
            <li
              key={e.seq}
              className={`entry kind-${timelineGroup(e.kind)} ${e.kind === "decision" ? "decision" : ""}${fresh.has(e.seq) ? " fresh" : ""}`}
            >
              <div className="entry-head">
                <span className="entry-kind">{entryKindLabel(e.kind)}</span>
                <span className="entry-actor">
                  <Actor actor={e.actor} plan={plan} />
                </span>
                <RelativeTime at={e.recorded_at} />
              </div>
              <p className="entry-text">{describeEntry(plan, e)}</p>
              {e.occurred_at && (
                <p className="muted small">
                  Happened <DateTime at={e.occurred_at} />
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
      <Verify incidentRef={incidentRef} />
    </div>
  );
}
