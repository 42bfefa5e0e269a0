import { useEffect, useState } from "react";
import {
  NOTIFICATION_CHANNELS,
  type NotificationChannel,
} from "../../../../src/domain/clock-states";
import { wallClockOf } from "../../../../src/domain/time-zone";
import { type Clock, clocksApi } from "../../api/comms";
import { Dialog, FormActions } from "../../components/dialog";
import { CheckboxField, SelectField, TextField } from "../../components/fields";
import { announce } from "../../components/live-region";
import { ProblemMessage } from "../../components/problem-message";
import { useSubmit } from "../../hooks/use-submit";
import { displayTimeZone, localInputToIso } from "../../lib/time";

/** Which deadline of which clock is being recorded as notified. */
export interface NotifiedDeadline {
  clock: Clock;
  deadlineId: string;
}

const CHANNEL_LABEL: Record<NotificationChannel, string> = {
  portal: "The regulator's portal",
  email: "E-mail",
  phone: "Phone",
  letter: "Letter",
  other: "Other",
};

/** Now as a `datetime-local` value in the display zone (which `localInputToIso` reads it in). */
function nowAsLocalInput(): string {
  const w = wallClockOf(new Date(), displayTimeZone());
  const two = (n: number) => String(n).padStart(2, "0");
  return `${w.year}-${two(w.month)}-${two(w.day)}T${two(w.hour)}:${two(w.minute)}`;
}

interface Props {
  incidentRef: string;
  target: NotifiedDeadline | undefined;
  onClose: () => void;
  onRecorded: () => void;
}

/**
 * Recording that a regulator was notified meets a deadline for good, so it is confirmed here:
 * when it was sent, how, and the regulator's reference (required unless there was none), which
 * the record, the timeline and the regulator report keep.
 */
export function RecordNotificationDialog({ incidentRef, target, onClose, onRecorded }: Props) {
  const [sentAt, setSentAt] = useState("");
  const [channel, setChannel] = useState<NotificationChannel | "">("");
  const [reference, setReference] = useState("");
  const [noReference, setNoReference] = useState(false);

  // A fresh form for each deadline, its time defaulting to the moment the dialog opened.
  useEffect(() => {
    if (!target) return;
    setSentAt(nowAsLocalInput());
    setChannel("");
    setReference("");
    setNoReference(false);
  }, [target]);

  const deadline = target?.clock.deadlines.find((d) => d.id === target.deadlineId);
  const { submit, busy, error } = useSubmit(async () => {
    if (!target) return;
    await clocksApi.recordNotification(incidentRef, target.clock.obligation_id, {
      deadline_id: target.deadlineId,
      sent_at: localInputToIso(sentAt),
      channel: channel || null,
      reference: noReference ? null : reference.trim(),
    });
    announce(`${target.clock.regulation}: ${deadline?.name ?? "deadline"} recorded as met`);
    onClose();
    onRecorded();
  });
  const ready = Boolean(sentAt && channel && (noReference || reference.trim()));

  return (
    <Dialog open={Boolean(target)} title="Record the notification" onClose={onClose}>
      {target && deadline && (
        <form className="form" onSubmit={submit}>
          <p>
            This marks the <strong>{target.clock.regulation}</strong> deadline{" "}
            <strong>{deadline.name}</strong> met, from the time it was sent. It cannot be undone;
            the timeline and the regulator report keep what you enter here.
          </p>
          <TextField
            id="rn-sent-at"
            label="Sent at"
            type="datetime-local"
            required
            value={sentAt}
            onChange={setSentAt}
            hint={`In ${displayTimeZone()}; now unless it was sent earlier.`}
          />
          <SelectField
            id="rn-channel"
            label="Sent by"
            required
            none="Choose how it was sent…"
            value={channel}
            onChange={(v) => setChannel(v as NotificationChannel | "")}
            choices={NOTIFICATION_CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABEL[c] }))}
          />
          <TextField
            id="rn-reference"
            label="Reference number"
            hint={`The case number, filing id or receipt from ${target.clock.recipient}.`}
            required={!noReference}
            disabled={noReference}
            value={reference}
            onChange={setReference}
          />
          <CheckboxField
            id="rn-no-reference"
            label="There is no reference (for example a phone call)"
            checked={noReference}
            onChange={setNoReference}
          />
          <ProblemMessage error={error} title="Not recorded" />
          <FormActions
            label={`Mark ${deadline.name} met`}
            busyLabel="Recording…"
            busy={busy}
            disabled={!ready}
            onCancel={onClose}
          />
        </form>
      )}
    </Dialog>
  );
}
