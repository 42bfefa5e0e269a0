import { type FormEvent, useState } from "react";
import { type Alert, alertsApi } from "../../api/alerts";
import { incidentsApi } from "../../api/incidents";
import type { PlanBody } from "../../api/types";
import { Dialog } from "../../components/dialog";
import { announce } from "../../components/live-region";
import { ProblemMessage } from "../../components/problem-message";
import { useResource } from "../../hooks/use-resource";
import { severityRank } from "../../lib/labels";
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
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
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
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="form" onSubmit={submit}>
      <p>
        {alerts.length} alert{alerts.length === 1 ? "" : "s"} become the new incident's source
        alerts; their hosts become its assets.
      </p>
      <div className="field">
        <label htmlFor="da-title">Title</label>
        <input id="da-title" value={title} onChange={(e) => setTitle(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="da-type">Type</label>
        <select id="da-type" required value={type} onChange={(e) => setType(e.target.value)}>
          <option value="">Choose a type…</option>
          {plan?.incident_types.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="da-severity">Severity</label>
        <select id="da-severity" value={severity} onChange={(e) => setSeverity(e.target.value)}>
          {plan?.severity_scale.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </div>
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
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const [first, ...more] = alerts;
      if (!first) return;
      const r = await alertsApi.attach(
        first.id,
        incident,
        more.map((a) => a.id),
      );
      announce(`Attached ${r.alert_ids.length} alert(s) to ${r.incident.human_id}`);
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="form" onSubmit={submit}>
      <div className="field">
        <label htmlFor="at-incident">Incident</label>
        <select
          id="at-incident"
          required
          value={incident}
          onChange={(e) => setIncident(e.target.value)}
        >
          <option value="">Choose an open incident…</option>
          {open.data?.items.map((i) => (
            <option key={i.id} value={i.human_id}>
              {i.human_id} {i.title}
            </option>
          ))}
        </select>
      </div>
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
  ["PT1H", "1 hour"],
  ["PT8H", "8 hours"],
  ["P1D", "1 day"],
  ["P7D", "7 days"],
  ["", "until it is reopened by hand"],
] as const;

function SuppressForm({ alerts, onDone }: Omit<Props, "action" | "onClose" | "plan">) {
  const [reason, setReason] = useState("");
  const [duration, setDuration] = useState("PT8H");
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      for (const a of alerts) await alertsApi.suppress(a.id, reason.trim(), duration);
      announce(`Suppressed ${alerts.length} alert(s)`);
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="form" onSubmit={submit}>
      <div className="field">
        <label htmlFor="su-reason">Why (the alert keeps it)</label>
        <textarea
          id="su-reason"
          rows={2}
          required
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="su-for">For</label>
        <select id="su-for" value={duration} onChange={(e) => setDuration(e.target.value)}>
          {DURATIONS.map(([v, label]) => (
            <option key={v} value={v}>
              {label}
            </option>
          ))}
        </select>
        <p className="hint">A repeat after this time opens the alert again.</p>
      </div>
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
