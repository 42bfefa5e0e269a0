import { useState } from "react";
import { commsApi, type StatusUpdateResult } from "../../api/comms";
import type { PlanBody } from "../../api/documents";
import { EmptyState } from "../../components/empty-state";
import { SelectField, TextAreaField } from "../../components/fields";
import { announce } from "../../components/live-region";
import { Markdown } from "../../components/markdown";
import { ProblemMessage } from "../../components/problem-message";
import { RelativeTime } from "../../components/relative-time";
import { useDraft } from "../../hooks/use-draft";
import { useResource } from "../../hooks/use-resource";
import { useSubmit } from "../../hooks/use-submit";
import { formatDuration } from "../../lib/time";

interface Props {
  incidentRef: string;
  incidentId: string;
  plan: PlanBody | undefined;
  editable: boolean;
  revision: number;
}

const EMPTY = { audience: "", summary: "", impact: "", actions: "", blockers: "", decisions: "" };
const FIELDS = [
  ["impact", "Impact", "Who and what is affected"],
  ["actions", "What we are doing", "Actions under way and next steps"],
  ["blockers", "Blockers", "What stands in the way, and what help is needed"],
  ["decisions", "Decisions", "Decisions taken since the last update"],
] as const;

/**
 * Status updates for the plan's audiences (technical and non-technical), on their cadence, and
 * what was paged and notified.
 */
export function CommsPanel({ incidentRef, incidentId, plan, editable, revision }: Props) {
  const updates = useResource((s) => commsApi.updates(incidentRef, s), [incidentRef], revision);
  const escalation = useResource(
    (s) => commsApi.escalation(incidentRef, s),
    [incidentRef],
    revision,
  );
  const notifications = useResource(
    (s) => commsApi.notifications(incidentRef, s),
    [incidentRef],
    revision,
  );
  const [draft, setDraft, clearDraft] = useDraft(`update:${incidentId}`, EMPTY);
  const [sent, setSent] = useState<StatusUpdateResult>();
  const audiences = plan?.communication.audiences ?? [];
  const audience = draft.audience || audiences[0]?.id || "";

  const { submit: send, error } = useSubmit(async () => {
    const result = await commsApi.sendUpdate(incidentRef, {
      audience,
      summary: draft.summary.trim(),
      impact: draft.impact.trim() || undefined,
      actions: draft.actions.trim() || undefined,
      blockers: draft.blockers.trim() || undefined,
      decisions: draft.decisions.trim() || undefined,
    });
    setSent(result);
    clearDraft();
    announce("Status update sent");
    void updates.reload();
    void notifications.reload();
  });

  return (
    <div className="panel-stack">
      <section aria-labelledby="cadence-title" className="panel">
        <h3 id="cadence-title">Update cadence</h3>
        <ProblemMessage error={updates.error} title="Could not load status updates" />
        {updates.data && updates.data.cadence.length === 0 && (
          <p className="muted">No audience has a cadence for this severity.</p>
        )}
        <ul className="cadence">
          {updates.data?.cadence.map((c) => (
            <li key={c.audience} className={c.overdue ? "overdue" : undefined}>
              <strong>{c.name}</strong>
              {c.every ? ` every ${formatDuration(c.every)}` : ""} ·{" "}
              {c.next_due_at ? (
                <RelativeTime at={c.next_due_at} due prefix="next" />
              ) : c.applies ? (
                "no update due"
              ) : (
                "not updated: the plan's condition for this audience does not hold"
              )}
              {c.last_update_at && (
                <span className="muted">
                  {" "}
                  · last <RelativeTime at={c.last_update_at} />
                </span>
              )}
            </li>
          ))}
        </ul>
        {escalation.data && (
          <p>
            Paging: <strong>{escalation.data.status.replace("_", " ")}</strong>
            {escalation.data.next && (
              <>
                {" "}
                · next step <RelativeTime at={escalation.data.next.at} />
              </>
            )}
          </p>
        )}
      </section>

      {editable && (
        <form className="form panel" onSubmit={send} aria-labelledby="update-title">
          <h3 id="update-title">Send a status update</h3>
          <SelectField
            id="up-audience"
            label="Audience"
            value={audience}
            onChange={(audience) => setDraft({ ...draft, audience })}
            choices={audiences.map((a) => ({
              value: a.id,
              label: `${a.name} (${a.kind === "technical" ? "technical" : "non-technical"})`,
            }))}
          />
          <TextAreaField
            id="up-summary"
            label="Summary"
            rows={3}
            required
            value={draft.summary}
            onChange={(summary) => setDraft({ ...draft, summary })}
          />
          {FIELDS.map(([key, label, hint]) => (
            <TextAreaField
              key={key}
              id={`up-${key}`}
              label={label}
              rows={2}
              placeholder={hint}
              value={draft[key]}
              onChange={(text) => setDraft({ ...draft, [key]: text })}
            />
          ))}
          <ProblemMessage error={error} title="Not sent (what you typed is kept)" />
          <div className="form-actions">
            <button
              type="submit"
              className="button primary"
              disabled={!audience || !draft.summary.trim()}
            >
              Send update
            </button>
          </div>
        </form>
      )}
      {sent && (
        <section className="panel" aria-label="The update as sent">
          <h3>Sent</h3>
          <Markdown source={sent.text} />
          {sent.missing.length > 0 && (
            <p className="muted">Left empty: {sent.missing.join(", ")}</p>
          )}
        </section>
      )}

      <section aria-labelledby="notif-title" className="panel">
        <h3 id="notif-title">Notifications</h3>
        <ProblemMessage error={notifications.error} title="Could not load notifications" />
        {notifications.data?.length === 0 ? (
          <EmptyState title="Nothing sent yet" />
        ) : (
          <ul className="record-list compact">
            {[...(notifications.data ?? [])].reverse().map((n) => (
              <li key={n.id}>
                <span className={`badge notif-${n.status}`}>{n.status}</span> {n.subject}{" "}
                <span className="muted small">
                  {n.channel.kind} {n.recipient ? `→ ${n.recipient}` : ""} ·{" "}
                  <RelativeTime at={n.createdAt} />
                  {n.lastError ? ` · ${n.lastError}` : ""}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
