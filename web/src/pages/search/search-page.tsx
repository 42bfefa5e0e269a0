import { useState } from "react";
import { INCIDENT_PHASES, type IncidentPhase } from "../../../../src/domain/incident/phase";
import { errorMessage } from "../../api/client";
import { type SearchFilter, type SearchResult, searchApi } from "../../api/search";
import { PhaseBadge, SeverityBadge } from "../../components/badges";
import { EmptyState } from "../../components/empty-state";
import { choices } from "../../components/fields";
import {
  FilterBar,
  ParamCheckbox,
  ParamInput,
  ParamSearch,
  ParamSelect,
} from "../../components/filter-bar";
import { Loading } from "../../components/loading";
import { PageHeader } from "../../components/page-header";
import { ProblemMessage } from "../../components/problem-message";
import { useResource } from "../../hooks/use-resource";
import { phaseLabel, severityChoices, typeChoices, typeName } from "../../lib/labels";
import { useCurrentPlan } from "../../plan-context";
import { Link, useLocation } from "../../router";

/** Where a passage matched, in words a responder uses. */
const KIND_LABEL: Record<SearchResult["snippets"][number]["kind"], string> = {
  title: "Title",
  description: "Description",
  task: "Task",
  indicator: "Indicator",
  evidence: "Evidence",
  asset: "Asset",
  lessons: "Lessons learned",
  timeline: "Timeline",
};

const isPhase = (p: string | null): p is IncidentPhase =>
  (INCIDENT_PHASES as readonly string[]).includes(p ?? "");

/** The search as the address holds it (the top bar's box sets `q`, the filters the rest). */
function filterFrom(search: URLSearchParams): SearchFilter {
  const phase = search.get("phase");
  const day = (name: string) => search.get(name) || undefined;
  return {
    q: search.get("q") ?? "",
    type: search.get("type") || undefined,
    severity: search.get("severity") || undefined,
    phase: isPhase(phase) ? phase : undefined,
    tag: search.get("tag") || undefined,
    since: day("since"),
    until: day("until"),
    exercise: search.get("exercise") === "true",
  };
}

/** A passage with its matched words marked. */
function Passage({ parts }: { parts: SearchResult["snippets"][number]["parts"] }) {
  return (
    <>
      {parts.map((p, i) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one passage never reorder
        p.match ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>,
      )}
    </>
  );
}

/** Full-text search across incidents: results best first, each with the passages that matched. */
export function SearchPage() {
  const plan = useCurrentPlan().data?.body;
  const { search } = useLocation();
  const filter = filterFrom(search);
  const key = JSON.stringify(filter);
  const [extra, setMore] = useState<{
    key: string;
    items: SearchResult[];
    cursor: string | null;
    error?: string;
  }>();
  const more = extra?.key === key ? extra : undefined;
  const first = useResource(
    (signal) =>
      filter.q.trim()
        ? searchApi.incidents(filter, signal)
        : Promise.resolve({ items: [], next_cursor: null }),
    [key],
  );
  const items = [...(first.data?.items ?? []), ...(more?.items ?? [])];
  const cursor = more ? more.cursor : (first.data?.next_cursor ?? null);

  const loadMore = async () => {
    if (!cursor) return;
    try {
      const page = await searchApi.incidents({ ...filter, cursor });
      setMore({ key, items: [...(more?.items ?? []), ...page.items], cursor: page.next_cursor });
    } catch (e) {
      setMore({ key, items: more?.items ?? [], cursor, error: errorMessage(e) });
    }
  };

  return (
    <>
      <PageHeader title="Search" />
      <FilterBar label="Search incidents">
        <ParamSearch param="q" id="s-q" label="Words" placeholder="evil.com, a hash, a name…" />
        <ParamSelect param="type" id="s-type" label="Type" none="Any" choices={typeChoices(plan)} />
        <ParamSelect
          param="severity"
          id="s-severity"
          label="Severity"
          none="Any"
          choices={severityChoices(plan)}
        />
        <ParamSelect
          param="phase"
          id="s-phase"
          label="Phase"
          none="Any"
          choices={choices(INCIDENT_PHASES, phaseLabel)}
        />
        <ParamSearch param="tag" id="s-tag" label="Tag" placeholder="tlp:amber" />
        <ParamInput param="since" type="date" id="s-since" label="Declared from" />
        <ParamInput param="until" type="date" id="s-until" label="Declared before" />
        <ParamCheckbox param="exercise" id="s-exercise" label="Include exercises" />
      </FilterBar>
      <ProblemMessage error={first.error} title="Could not search" />
      {!filter.q.trim() ? (
        <EmptyState title="Search every incident">
          <p>
            Titles, descriptions, notes and decisions, the timeline, tasks, indicators (also
            defanged, <code>hxxp://evil[.]com</code>), evidence names and hashes, assets and
            lessons. Press <kbd>/</kbd> to search from any screen.
          </p>
        </EmptyState>
      ) : first.loading && !first.data ? (
        <Loading what="Searching" />
      ) : items.length === 0 && !first.error ? (
        <EmptyState title="No incident matches">
          <p>
            Every word must match: try fewer words, a prefix such as <code>ransom*</code>, or fewer
            filters.
          </p>
        </EmptyState>
      ) : (
        <>
          <p className="muted count" aria-live="polite">
            {items.length}
            {cursor ? "+" : ""} incident{items.length === 1 ? "" : "s"}
          </p>
          <ol className="search-results">
            {items.map((r) => (
              <li key={r.id} className="search-result">
                <h2>
                  <Link to={`/incidents/${r.human_id}`}>
                    {r.human_id} · {r.title}
                  </Link>
                </h2>
                <p className="search-meta">
                  <SeverityBadge plan={plan} severity={r.severity} /> <PhaseBadge phase={r.phase} />{" "}
                  <span className="muted">{typeName(plan, r.type)}</span>
                </p>
                <dl className="search-snippets">
                  {r.snippets.map((s) => (
                    <div key={`${s.kind}:${s.ref}`}>
                      <dt>{KIND_LABEL[s.kind]}</dt>
                      <dd>
                        <Passage parts={s.parts} />
                      </dd>
                    </div>
                  ))}
                </dl>
              </li>
            ))}
          </ol>
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
