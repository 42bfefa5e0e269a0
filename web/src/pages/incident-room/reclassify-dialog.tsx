import { useState } from "react";
import { ApiError } from "../../api/client";
import type { PlanBody } from "../../api/documents";
import type { Incident } from "../../api/incidents";
import { incidentsApi } from "../../api/incidents";
import { Dialog, FormActions } from "../../components/dialog";
import { SelectField, TextAreaField } from "../../components/fields";
import { announce } from "../../components/live-region";
import { ProblemMessage } from "../../components/problem-message";
import { useDraft } from "../../hooks/use-draft";
import { useSubmit } from "../../hooks/use-submit";
import { typeChoices } from "../../lib/labels";

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
  const [stale, setStale] = useState(false);
  const severity = draft.severity || incident.severity;
  const type = draft.type || incident.type;
  const unchanged = severity === incident.severity && type === incident.type;

  const {
    submit,
    busy: saving,
    error,
  } = useSubmit(async () => {
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
      if (!(err instanceof ApiError && err.code === "stale_version")) throw err;
      setStale(true);
      await onStale();
    }
  });

  return (
    <Dialog open={open} title="Reclassify" onClose={onClose}>
      <form className="form" onSubmit={submit}>
        {stale && (
          <div className="notice" role="alert">
            Someone else changed this incident first. It has been reloaded; your choice and reason
            are kept. Check it, then save again.
          </div>
        )}
        <SelectField
          id="rc-severity"
          label="Severity"
          value={severity}
          onChange={(severity) => setDraft({ ...draft, severity })}
          choices={plan?.severity_scale.map((s) => ({
            value: s.id,
            label: `${s.name} — ${s.definition}`,
          }))}
        />
        <SelectField
          id="rc-type"
          label="Type"
          value={type}
          onChange={(type) => setDraft({ ...draft, type })}
          choices={typeChoices(plan)}
        />
        <TextAreaField
          id="rc-reason"
          label="Reason (required; it goes on the timeline)"
          rows={3}
          required
          value={draft.reason}
          onChange={(reason) => setDraft({ ...draft, reason })}
        />
        <ProblemMessage error={error} title="Not reclassified" />
        <FormActions
          label="Reclassify"
          busyLabel="Saving…"
          busy={saving}
          disabled={unchanged || !draft.reason.trim()}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
