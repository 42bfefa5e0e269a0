import { useEffect, useState } from "react";
import { ApiError } from "../../api/client";
import type { PlanBody } from "../../api/documents";
import type { Incident } from "../../api/incidents";
import { incidentsApi } from "../../api/incidents";
import { Dialog, FormActions } from "../../components/dialog";
import { TextAreaField } from "../../components/fields";
import { announce } from "../../components/live-region";
import { ProblemMessage } from "../../components/problem-message";
import { useSubmit } from "../../hooks/use-submit";
import {
  type AttributeDraft,
  AttributeFields,
  attributeDraft,
} from "../incidents/attribute-fields";
import { changedAttributes } from "./attribute-changes";

interface Props {
  open: boolean;
  incident: Incident;
  plan: PlanBody | undefined;
  onClose: () => void;
  onChanged: () => void;
  onStale: () => Promise<void>;
}

/**
 * What is known about the incident, changed after declaring (personal data turned up, more
 * records affected): the plan's obligations and procedure steps follow the new values, so a clock
 * they trigger starts on saving. The reason goes on the timeline with the change.
 */
export function AttributesDialog({ open, incident, plan, onClose, onChanged, onStale }: Props) {
  const [draft, setDraft] = useState<AttributeDraft>({});
  const [reason, setReason] = useState("");
  const [stale, setStale] = useState(false);

  // Each opening starts from the incident as it is then; live updates while open keep the draft.
  const attributes = incident.attributes;
  const [openedWith, setOpenedWith] = useState<Record<string, unknown>>();
  useEffect(() => {
    if (open && !openedWith) {
      setOpenedWith(attributes);
      setDraft(attributeDraft(attributes));
    }
    if (!open && openedWith) setOpenedWith(undefined);
  }, [open, openedWith, attributes]);

  const changes = plan ? changedAttributes(plan.attributes, incident.attributes, draft) : {};
  const changed = Object.keys(changes).length > 0;

  const { submit, busy, error } = useSubmit(async () => {
    setStale(false);
    try {
      await incidentsApi.classify(
        incident.human_id,
        { attributes: changes, reason: reason.trim() },
        incident.version,
      );
      setReason("");
      announce(`${incident.human_id}: attributes saved`);
      onClose();
      onChanged();
    } catch (err) {
      if (!(err instanceof ApiError && err.code === "stale_version")) throw err;
      setStale(true);
      await onStale();
    }
  });

  return (
    <Dialog open={open} title="Attributes" onClose={onClose}>
      {plan && (
        <form className="form" onSubmit={submit}>
          {stale && (
            <div className="notice" role="alert">
              Someone else changed this incident first. It has been reloaded; check your changes,
              then save again.
            </div>
          )}
          <AttributeFields
            plan={plan}
            value={draft}
            onChange={setDraft}
            hint="They decide which regulatory clocks and procedure steps apply: a clock they trigger starts when you save."
          />
          <TextAreaField
            id="attr-reason"
            label="Reason (required; it goes on the timeline)"
            rows={2}
            required
            value={reason}
            onChange={setReason}
          />
          <ProblemMessage error={error} title="Attributes not saved" />
          <FormActions
            label="Save attributes"
            busyLabel="Saving…"
            busy={busy}
            disabled={!changed || !reason.trim()}
            onCancel={onClose}
          />
        </form>
      )}
    </Dialog>
  );
}
