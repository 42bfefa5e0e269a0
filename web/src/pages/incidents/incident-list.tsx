import { useState } from "react";
import { errorMessage } from "../../api/client";
import type { Incident, IncidentFilter as IncidentFilterQuery } from "../../api/incidents";
import { incidentsApi } from "../../api/incidents";
import { EmptyState } from "../../components/empty-state";
import { Loading } from "../../components/loading";
import { PageHeader } from "../../components/page-header";
import { ProblemMessage } from "../../components/problem-message";
import { useResource } from "../../hooks/use-resource";
import { useCurrentPlan } from "../../plan-context";
import { Link, useLocation } from "../../router";
import { IncidentFilters } from "./incident-filters";
import { IncidentTable } from "./incident-table";

const PAGE = 50;

/** The list's filter as the address holds it (`IncidentFilters` sets it). */
function filterFrom(search: URLSearchParams) {
  return {
    state: search.get("state") === "all" ? "all" : "open",
    severity: search.get("severity") ?? "",
    phase: search.get("phase") ?? "",
    type: search.get("type") ?? "",
    q: search.get("q") ?? "",
    exercise: search.get("exercise") === "true",
  };
}
type IncidentListFilter = ReturnType<typeof filterFrom>;

/** The API's filter for the list's. */
function query(filter: IncidentListFilter): IncidentFilterQuery {
  return {
    open: filter.state === "open",
    severity: filter.severity ? [filter.severity] : undefined,
    phase: filter.phase ? [filter.phase] : undefined,
    type: filter.type ? [filter.type] : undefined,
    q: filter.q,
    exercise: filter.exercise,
    limit: PAGE,
  };
}

/** All incidents, filtered, newest first, with "show more". */
export function IncidentList() {
  const plan = useCurrentPlan().data?.body;
  const { search } = useLocation();
  const filter = filterFrom(search);
  const key = JSON.stringify(filter);
  // Pages after the first, for the filter they were loaded under.
  const [extra, setMore] = useState<{
    key: string;
    items: Incident[];
    cursor: string | null;
    error?: string;
  }>();
  const more = extra?.key === key ? extra : undefined;

  const first = useResource((signal) => incidentsApi.list(query(filter), signal), [key]);

  const items = [...(first.data?.items ?? []), ...(more?.items ?? [])];
  const cursor = more ? more.cursor : (first.data?.next_cursor ?? null);

  const loadMore = async () => {
    if (!cursor) return;
    try {
      const page = await incidentsApi.list({ ...query(filter), cursor });
      setMore({ key, items: [...(more?.items ?? []), ...page.items], cursor: page.next_cursor });
    } catch (e) {
      setMore({ key, items: more?.items ?? [], cursor, error: errorMessage(e) });
    }
  };

  const filtered =
    filter.severity || filter.phase || filter.type || filter.q || filter.state === "all";

  return (
    <>
      <PageHeader
        title="Incidents"
        actions={
          <Link to="/incidents/new" className="button primary" aria-keyshortcuts="n">
            Declare incident
          </Link>
        }
      />
      <IncidentFilters plan={plan} />
      <ProblemMessage error={first.error} title="Could not load incidents" />
      {first.loading && !first.data ? (
        <Loading what="Loading incidents" />
      ) : items.length === 0 && !first.error ? (
        <EmptyState title={filtered ? "No incidents match these filters" : "No open incidents"}>
          {filtered ? (
            <p>Change or clear the filters to see more.</p>
          ) : (
            <p>
              Nothing is on fire. When something is,{" "}
              <Link to="/incidents/new">declare an incident</Link> and the plan's procedure becomes
              its checklist.
            </p>
          )}
        </EmptyState>
      ) : (
        <>
          <p className="muted count" aria-live="polite">
            {items.length}
            {cursor ? "+" : ""} incident{items.length === 1 ? "" : "s"}
          </p>
          <IncidentTable incidents={items} plan={plan} />
          {more?.error && <p className="error-text">{more.error}</p>}
          {cursor && (
            <button type="button" className="button" onClick={loadMore}>
              Show more
            </button>
          )}
        </>
      )}
    </>
  );
}
