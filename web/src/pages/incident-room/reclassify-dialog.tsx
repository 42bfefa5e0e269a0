import { type FormEvent, useState } from "react";
import { ApiError } from "../../api/client";
import { incidentsApi } from "../../api/incidents";
import type { Incident, PlanBody } from "../../api/types";
import { Dialog } from "../../components/dialog";
import { announce } from "../../components/live-region";
import { ProblemMessage } from "../../components/problem-message";
import { useDraft } from "../../hooks/use-draft";

interface Props {
  open: boolean;
  incident: Incident;
  plan: PlanBody | undefined;
  onClose: () => void;
  onChanged: () => void;
  onStale: () => Promise<void>;
}

/** Changing severity or type, with the reason the timeline keeps; new steps may join the checklist. */
export function ReclassifyDialog({ open, incident, plan, onClose, onChanged, onStale }: Props) {
  const [draft, setDraft, clearDraft] = useDraft(`classify:${incident.id}`, {
    severity: "",
    type: "",
    reason: "",
  });
  const [error, setError] = useState<unknown>();
  const [stale, setStale] = useState(false);
  const [saving, setSaving] = useState(false);
  const severity = draft.severity || incident.severity;
  const type = draft.type || incident.type;
  const unchanged = severity === incident.severity && type === incident.type;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaving(true);
    setError(undefined);
    setStale(false);
    try {
      await incidentsApi.classify(
        incident.human_id,
        {
          severity: severity !== incident.severity ? severity : undefined,
          type: type !== incident.type ? type : undefined,
          reason: draft.reason.trim(),
        },
        incident.version,
      );
      clearDraft();
      announce(`${incident.human_id} reclassified`);
      onClose();
      onChanged();
    } catch (err) {
      if (err instanceof ApiError && err.code === "stale_version") {
        setStale(true);
        await onStale();
      } else setError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog open={open} title="Reclassify" onClose={onClose}>
      <form className="form" onSubmit={submit}>
        {stale && (
          <div className="notice" role="alert">
            Someone else changed this incident first. It has been reloaded; your choice and reason
            are kept. Check it, then save again.
          </div>
        )}
        <div className="field">
          <label htmlFor="rc-severity">Severity</label>
          <select
            id="rc-severity"
            value={severity}
            onChange={(e) => setDraft({ ...draft, severity: e.target.value })}
          >
            {plan?.severity_scale.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} — {s.definition}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="rc-type">Type</label>
          <select
            id="rc-type"
            value={type}
            onChange={(e) => setDraft({ ...draft, type: e.target.value })}
          >
            {plan?.incident_types.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="rc-reason">Reason (required; it goes on the timeline)</label>
          <textarea
            id="rc-reason"
            rows={3}
            required
            value={draft.reason}
            onChange={(e) => setDraft({ ...draft, reason: e.target.value })}
          />
        </div>
        <ProblemMessage error={error} title="Not reclassified" />
        <div className="form-actions">
          <button
            type="submit"
            className="button primary"
            disabled={saving || unchanged || !draft.reason.trim()}
          >
            {saving ? "Saving…" : "Reclassify"}
          </button>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
