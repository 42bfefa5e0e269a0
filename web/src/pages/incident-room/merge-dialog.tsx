import { useState } from "react";
import { ApiError } from "../../api/client";
import type { Incident } from "../../api/incidents";
import { incidentsApi } from "../../api/incidents";
import { Dialog, FormActions } from "../../components/dialog";
import { SelectField, TextAreaField, TextField } from "../../components/fields";
import { announce } from "../../components/live-region";
import { ProblemMessage } from "../../components/problem-message";
import { useResource } from "../../hooks/use-resource";
import { useSubmit } from "../../hooks/use-submit";
import { navigate } from "../../router";

interface Props {
  open: boolean;
  incident: Incident;
  onClose: () => void;
  onStale: () => Promise<void>;
}

/**
 * Merging this incident into another open one (the same attack reported twice): this one ends
 * as merged and its alerts, evidence, indicators and assets move to the other, whose room opens.
 */
export function MergeDialog({ open, incident, onClose, onStale }: Props) {
  const [q, setQ] = useState("");
  const [into, setInto] = useState("");
  const [reason, setReason] = useState("");
  const candidates = useResource(
    (signal) =>
      open
        ? incidentsApi
            .list({ open: true, q, limit: 25 }, signal)
            .then((page) => page.items.filter((i) => i.id !== incident.id))
        : Promise.resolve([]),
    [open, q, incident.id],
  );
  const target = candidates.data?.find((i) => i.human_id === into);

  const { submit, busy, error } = useSubmit(async () => {
    if (!target) return;
    try {
      await incidentsApi.merge(incident.human_id, target.human_id, reason.trim(), incident.version);
    } catch (err) {
      // Changed meanwhile: show it as it is now; the choice and reason stay in the form.
      if (err instanceof ApiError && err.code === "stale_version") await onStale();
      throw err;
    }
    announce(`${incident.human_id} merged into ${target.human_id}`);
    onClose();
    navigate(`/incidents/${target.human_id}`);
  });

  return (
    <Dialog open={open} title={`Merge ${incident.human_id} into…`} onClose={onClose}>
      <form className="form" onSubmit={submit}>
        <TextField
          id="mg-search"
          label="Find an open incident"
          type="search"
          hint="By id or words of its title."
          value={q}
          onChange={setQ}
        />
        <SelectField
          id="mg-into"
          label="Merge into"
          required
          none={candidates.loading ? "Loading…" : "Choose an incident…"}
          value={into}
          onChange={setInto}
          choices={candidates.data?.map((i) => ({
            value: i.human_id,
            label: `${i.human_id} — ${i.title}`,
          }))}
        />
        <ProblemMessage error={candidates.error} title="Could not list open incidents" />
        <TextAreaField
          id="mg-reason"
          label="Reason (required; both timelines keep it)"
          rows={2}
          required
          value={reason}
          onChange={setReason}
        />
        {target && (
          <p className="notice">
            {incident.human_id} will end as merged. Its alerts, evidence, indicators and assets move
            to {target.human_id} ({target.title}); both timelines record what moved. This cannot be
            undone.
          </p>
        )}
        <ProblemMessage error={error} title="Not merged" />
        <FormActions
          label={target ? `Merge into ${target.human_id}` : "Merge"}
          busyLabel="Merging…"
          busy={busy}
          disabled={!target || !reason.trim()}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
