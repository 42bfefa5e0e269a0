import { useCallback, useState } from "react";
import { ALERT_SOURCES, ALERT_STATUSES, type Alert, alertsApi } from "../../api/alerts";
import { EmptyState } from "../../components/empty-state";
import { choices } from "../../components/fields";
import { FilterBar, ParamCheckbox, ParamSearch, ParamSelect } from "../../components/filter-bar";
import { announce } from "../../components/live-region";
import { Loading } from "../../components/loading";
import { PageHeader } from "../../components/page-header";
import { ProblemMessage } from "../../components/problem-message";
import { usePolling } from "../../hooks/use-polling";
import { useResource } from "../../hooks/use-resource";
import { SOURCE_LABEL, severityChoices, severityRank } from "../../lib/labels";
import { useCurrentPlan } from "../../plan-context";
import { useLocation } from "../../router";
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
 * Alert triage: the queue of open and acknowledged alerts not yet part of an incident (or every
 * alert), grouped by rule or host, and the decisions to take on one or several: acknowledge,
 * resolve, suppress, declare an incident, attach to one. Acknowledging says "someone is looking",
 * not "decided", so acknowledged alerts stay in the queue unless "Hide acknowledged" is ticked.
 */
export function AlertList() {
  const plan = useCurrentPlan().data?.body;
  const { canWrite } = useSession();
  const { search } = useLocation();
  const view = search.get("view") === "all" ? "all" : "triage";
  const status = search.get("status") ?? "";
  const hideAcknowledged = view === "triage" && search.get("hide_acknowledged") === "true";
  const statuses = hideAcknowledged ? ["open"] : view === "all" && status ? [status] : undefined;
  const severity = search.get("severity") ?? "";
  const source = search.get("source") ?? "";
  const group = (search.get("group") ?? "rule") as Grouping;
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [action, setAction] = useState<AlertAction>();
  const [error, setError] = useState<unknown>();

  const alerts = useResource(
    (signal) =>
      alertsApi.list(
        {
          triage: view === "triage",
          status: statuses,
          severity: severity ? [severity] : undefined,
          source: source ? [source] : undefined,
          q: search.get("q") ?? undefined,
          limit: 200,
        },
        signal,
      ),
    [view, statuses?.join(), severity, source, search.get("q")],
  );
  const { reload } = alerts;
  usePolling(reload, REFRESH_MS);

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
            ? "Open and acknowledged alerts not yet part of an incident, worst first. Decide what each one is."
            : "Every alert, whatever its state."}
        </p>
      </PageHeader>
      <FilterBar label="Filter alerts">
        <ParamSearch
          param="q"
          id="al-q"
          label="Search"
          placeholder="Title, host, user, dedup key"
        />
        <ParamSelect
          param="view"
          fallback="triage"
          id="al-view"
          label="Show"
          choices={[
            { value: "triage", label: "Triage queue" },
            { value: "all", label: "All alerts" },
          ]}
        />
        <ParamSelect
          param="status"
          id="al-status"
          label="Status"
          none="Any"
          disabled={view === "triage"}
          choices={choices(ALERT_STATUSES)}
        />
        {view === "triage" && (
          <ParamCheckbox param="hide_acknowledged" id="al-hide-ack" label="Hide acknowledged" />
        )}
        <ParamSelect
          param="severity"
          id="al-severity"
          label="Severity"
          none="Any"
          choices={severityChoices(plan)}
        />
        <ParamSelect
          param="source"
          id="al-source"
          label="Source"
          none="Any"
          choices={choices(ALERT_SOURCES, (s) => SOURCE_LABEL[s])}
        />
        <ParamSelect
          param="group"
          fallback="rule"
          id="al-group"
          label="Group by"
          choices={[
            { value: "rule", label: "Rule" },
            { value: "host", label: "Host" },
            { value: "none", label: "Nothing" },
          ]}
        />
      </FilterBar>

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
