import { useState } from "react";
import { type Alert, alertsApi } from "../../api/alerts";
import type { PlanBody } from "../../api/documents";
import { incidentsApi } from "../../api/incidents";
import { Dialog } from "../../components/dialog";
import { SelectField, TextAreaField, TextField } from "../../components/fields";
import { announce } from "../../components/live-region";
import { ProblemMessage } from "../../components/problem-message";
import { useResource } from "../../hooks/use-resource";
import { useSubmit } from "../../hooks/use-submit";
import { severityChoices, severityRank, typeChoices } from "../../lib/labels";
import { navigate } from "../../router";

export type AlertAction = "declare" | "attach" | "suppress";

interface Props {
  action: AlertAction | undefined;
  alerts: Alert[];
  plan: PlanBody | undefined;
  onClose: () => void;
  onDone: () => void;
}

/** The worst severity among alerts on the plan's scale (what declaring defaults to). */
function worst(plan: PlanBody | undefined, alerts: Alert[]): string {
  return alerts.reduce(
    (top, a) => (severityRank(plan, a.severity) > severityRank(plan, top) ? a.severity : top),
    alerts[0]?.severity ?? "",
  );
}

function DeclareForm({ alerts, plan, onDone }: Omit<Props, "action" | "onClose">) {
  const [type, setType] = useState("");
  const [severity, setSeverity] = useState(() => worst(plan, alerts));
  const [title, setTitle] = useState(alerts[0]?.title ?? "");
  const { submit, busy, error } = useSubmit(async () => {
    const [first, ...more] = alerts;
    if (!first) return;
    const { incident } = await alertsApi.declare(first.id, {
      type,
      severity: severity || undefined,
      title: title.trim() || undefined,
      alerts: more.map((a) => a.id),
    });
    announce(`Declared ${incident.human_id}`);
    onDone();
    navigate(`/incidents/${incident.human_id}`);
  });
  return (
    <form className="form" onSubmit={submit}>
      <p>
        {alerts.length} alert{alerts.length === 1 ? "" : "s"} become the new incident's source
        alerts; their hosts become its assets.
      </p>
      <TextField id="da-title" label="Title" value={title} onChange={setTitle} />
      <SelectField
        id="da-type"
        label="Type"
        required
        value={type}
        onChange={setType}
        none="Choose a type…"
        choices={typeChoices(plan)}
      />
      <SelectField
        id="da-severity"
        label="Severity"
        value={severity}
        onChange={setSeverity}
        choices={severityChoices(plan)}
      />
      <ProblemMessage error={error} title="No incident was declared" />
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={busy || !type}>
          {busy ? "Declaring…" : "Declare incident"}
        </button>
      </div>
    </form>
  );
}

function AttachForm({ alerts, onDone }: Omit<Props, "action" | "onClose" | "plan">) {
  const open = useResource((signal) => incidentsApi.list({ open: true, limit: 200 }, signal), []);
  const [incident, setIncident] = useState("");
  const { submit, busy, error } = useSubmit(async () => {
    const [first, ...more] = alerts;
    if (!first) return;
    const r = await alertsApi.attach(
      first.id,
      incident,
      more.map((a) => a.id),
    );
    announce(`Attached ${r.alert_ids.length} alert(s) to ${r.incident.human_id}`);
    onDone();
  });
  return (
    <form className="form" onSubmit={submit}>
      <SelectField
        id="at-incident"
        label="Incident"
        required
        value={incident}
        onChange={setIncident}
        none="Choose an open incident…"
        choices={open.data?.items.map((i) => ({
          value: i.human_id,
          label: `${i.human_id} ${i.title}`,
        }))}
      />
      <ProblemMessage error={open.error ?? error} title="Not attached" />
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={busy || !incident}>
          {busy ? "Attaching…" : `Attach ${alerts.length} alert${alerts.length === 1 ? "" : "s"}`}
        </button>
      </div>
    </form>
  );
}

const DURATIONS = [
  { value: "PT1H", label: "1 hour" },
  { value: "PT8H", label: "8 hours" },
  { value: "P1D", label: "1 day" },
  { value: "P7D", label: "7 days" },
  { value: "", label: "until it is reopened by hand" },
];

function SuppressForm({ alerts, onDone }: Omit<Props, "action" | "onClose" | "plan">) {
  const [reason, setReason] = useState("");
  const [duration, setDuration] = useState("PT8H");
  const { submit, busy, error } = useSubmit(async () => {
    for (const a of alerts) await alertsApi.suppress(a.id, reason.trim(), duration);
    announce(`Suppressed ${alerts.length} alert(s)`);
    onDone();
  });
  return (
    <form className="form" onSubmit={submit}>
      <TextAreaField
        id="su-reason"
        label="Why (the alert keeps it)"
        rows={2}
        required
        value={reason}
        onChange={setReason}
      />
      <SelectField
        id="su-for"
        label="For"
        value={duration}
        onChange={setDuration}
        choices={DURATIONS}
        hint="A repeat after this time opens the alert again."
      />
      <ProblemMessage error={error} title="Not suppressed" />
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={busy || !reason.trim()}>
          {busy ? "Suppressing…" : "Suppress"}
        </button>
      </div>
    </form>
  );
}

const TITLES: Record<AlertAction, string> = {
  declare: "Declare an incident from alerts",
  attach: "Attach alerts to an incident",
  suppress: "Suppress alerts",
};

/** Triage decisions that need more than a click: declare, attach, suppress. */
export function AlertDialogs({ action, alerts, plan, onClose, onDone }: Props) {
  const done = () => {
    onClose();
    onDone();
  };
  return (
    <Dialog open={action !== undefined} title={action ? TITLES[action] : ""} onClose={onClose}>
      {action === "declare" && <DeclareForm alerts={alerts} plan={plan} onDone={done} />}
      {action === "attach" && <AttachForm alerts={alerts} onDone={done} />}
      {action === "suppress" && <SuppressForm alerts={alerts} onDone={done} />}
    </Dialog>
  );
}
