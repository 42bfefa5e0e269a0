import { useCallback, useEffect, useState } from "react";
import { ALERT_SOURCES, ALERT_STATUSES, type Alert, alertsApi } from "../../api/alerts";
import { EmptyState } from "../../components/empty-state";
import { announce } from "../../components/live-region";
import { Loading } from "../../components/loading";
import { PageHeader } from "../../components/page-header";
import { ProblemMessage } from "../../components/problem-message";
import { usePolling } from "../../hooks/use-polling";
import { useResource } from "../../hooks/use-resource";
import { SOURCE_LABEL, severityRank } from "../../lib/labels";
import { useCurrentPlan } from "../../plan-context";
import { setSearch, useLocation } from "../../router";
import { useSession } from "../../session-context";
import { type AlertAction, AlertDialogs } from "./alert-dialogs";
import { AlertTable } from "./alert-table";

const REFRESH_MS = 10_000;
type Grouping = "none" | "rule" | "host";

const occurrences = (alerts: Alert[]) => alerts.reduce((n, a) => n + a.count, 0);

function groupOf(a: Alert, by: Grouping): string {
  if (by === "rule") return a.rule_id ? a.title : `${a.source}: ${a.title}`;
  if (by === "host") return a.entities.host ?? "no host";
  return "";
}

/**
 * Alert triage: the queue of open alerts nobody has dealt with yet (or every alert), grouped by
 * rule or host, and the decisions to take on one or several: acknowledge, resolve, suppress,
 * declare an incident, attach to one.
 */
export function AlertList() {
  const plan = useCurrentPlan().data?.body;
  const { canWrite } = useSession();
  const { search } = useLocation();
  const view = search.get("view") === "all" ? "all" : "triage";
  const status = search.get("status") ?? "";
  const severity = search.get("severity") ?? "";
  const source = search.get("source") ?? "";
  const group = (search.get("group") ?? "rule") as Grouping;
  const [q, setQ] = useState(search.get("q") ?? "");
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [action, setAction] = useState<AlertAction>();
  const [error, setError] = useState<unknown>();

  const alerts = useResource(
    (signal) =>
      alertsApi.list(
        {
          triage: view === "triage",
          status: status ? [status] : undefined,
          severity: severity ? [severity] : undefined,
          source: source ? [source] : undefined,
          q: search.get("q") ?? undefined,
          limit: 200,
        },
        signal,
      ),
    [view, status, severity, source, search.get("q")],
  );
  const { reload } = alerts;
  usePolling(reload, REFRESH_MS);
  useEffect(() => {
    if (q === (search.get("q") ?? "")) return;
    const t = setTimeout(() => setSearch({ q }), 300);
    return () => clearTimeout(t);
  }, [q, search]);

  const items = alerts.data?.items ?? [];
  const chosen = items.filter((a) => selected.has(a.id));
  const select = useCallback(
    (id: string, on: boolean) =>
      setSelected((s) => {
        const next = new Set(s);
        if (on) next.add(id);
        else next.delete(id);
        return next;
      }),
    [],
  );
  const done = () => {
    setSelected(new Set());
    void reload();
  };
  const quick = async (what: "acknowledge" | "resolve") => {
    setError(undefined);
    try {
      for (const a of chosen) await alertsApi[what](a.id);
      announce(`${what === "acknowledge" ? "Acknowledged" : "Resolved"} ${chosen.length} alert(s)`);
      done();
    } catch (e) {
      setError(e);
    }
  };

  const groups = new Map<string, Alert[]>();
  for (const a of [...items].sort(
    (x, y) =>
      severityRank(plan, y.severity) - severityRank(plan, x.severity) ||
      y.last_seen.localeCompare(x.last_seen),
  )) {
    const key = groupOf(a, group);
    groups.set(key, [...(groups.get(key) ?? []), a]);
  }

  return (
    <>
      <PageHeader title={view === "triage" ? "Alert triage" : "Alerts"} tabTitle="Alerts">
        <p className="muted">
          {view === "triage"
            ? "Open alerts not yet part of an incident, worst first. Decide what each one is."
            : "Every alert, whatever its state."}
        </p>
      </PageHeader>
      <form className="filters" aria-label="Filter alerts" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="al-q">Search</label>
          <input
            id="al-q"
            type="search"
            placeholder="Title, host, user, dedup key"
            value={q}
            onChange={(e) => setQ(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="al-view">Show</label>
          <select
            id="al-view"
            value={view}
            onChange={(e) => setSearch({ view: e.target.value === "all" ? "all" : undefined })}
          >
            <option value="triage">Triage queue</option>
            <option value="all">All alerts</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="al-status">Status</label>
          <select
            id="al-status"
            value={status}
            disabled={view === "triage"}
            onChange={(e) => setSearch({ status: e.target.value })}
          >
            <option value="">Any</option>
            {ALERT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="al-severity">Severity</label>
          <select
            id="al-severity"
            value={severity}
            onChange={(e) => setSearch({ severity: e.target.value })}
          >
            <option value="">Any</option>
            {plan?.severity_scale.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="al-source">Source</label>
          <select
            id="al-source"
            value={source}
            onChange={(e) => setSearch({ source: e.target.value })}
          >
            <option value="">Any</option>
            {ALERT_SOURCES.map((s) => (
              <option key={s} value={s}>
                {SOURCE_LABEL[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="al-group">Group by</label>
          <select
            id="al-group"
            value={group}
            onChange={(e) => setSearch({ group: e.target.value })}
          >
            <option value="rule">Rule</option>
            <option value="host">Host</option>
            <option value="none">Nothing</option>
          </select>
        </div>
      </form>

      {canWrite && chosen.length > 0 && (
        <section className="bulk-bar" aria-label="Selected alerts">
          <span>{chosen.length} selected</span>
          <button
            type="button"
            className="button primary small"
            onClick={() => setAction("declare")}
          >
            Declare incident
          </button>
          <button type="button" className="button small" onClick={() => setAction("attach")}>
            Attach to incident
          </button>
          <button type="button" className="button small" onClick={() => void quick("acknowledge")}>
            Acknowledge
          </button>
          <button type="button" className="button small" onClick={() => setAction("suppress")}>
            Suppress
          </button>
          <button type="button" className="button small" onClick={() => void quick("resolve")}>
            Resolve
          </button>
          <button type="button" className="link-button" onClick={() => setSelected(new Set())}>
            Clear
          </button>
        </section>
      )}
      <ProblemMessage error={error} title="Not every alert was changed" />
      <ProblemMessage error={alerts.error} title="Could not load alerts" />

      {!alerts.data ? (
        !alerts.error && <Loading what="Loading alerts" />
      ) : items.length === 0 ? (
        <EmptyState title={view === "triage" ? "The triage queue is empty" : "No alerts match"}>
          <p>
            {view === "triage"
              ? "Every open alert is part of an incident or has been dealt with."
              : "Change the filters to see more."}
          </p>
        </EmptyState>
      ) : (
        [...groups].map(([name, list]) => (
          <section key={name || "all"} className="alert-group" aria-label={name || "Alerts"}>
            {group !== "none" && (
              <h2 className="group-title">
                <label className="group-label">
                  <input
                    type="checkbox"
                    checked={list.every((a) => selected.has(a.id))}
                    onChange={(e) => {
                      for (const a of list) select(a.id, e.target.checked);
                    }}
                  />{" "}
                  {name}
                </label>{" "}
                <span className="muted small">
                  {list.length} alert{list.length === 1 ? "" : "s"}, {occurrences(list)} occurrence
                  {occurrences(list) === 1 ? "" : "s"}
                </span>
              </h2>
            )}
            <AlertTable
              alerts={list}
              plan={plan}
              selected={selected}
              onSelect={select}
              caption={name || "Alerts"}
            />
          </section>
        ))
      )}
      {alerts.data?.next_cursor && (
        <p className="muted">Showing the first 200; narrow the filters to see the rest.</p>
      )}
      <AlertDialogs
        action={action}
        alerts={chosen}
        plan={plan}
        onClose={() => setAction(undefined)}
        onDone={done}
      />
    </>
  );
}
