import { useEffect, useRef, useState } from "react";
import { INCIDENT_PHASES } from "../../../../src/domain/incident/phase";
import type { PlanBody } from "../../api/types";
import { useShortcuts } from "../../hooks/use-shortcuts";
import { phaseLabel } from "../../lib/labels";

export interface IncidentListFilter {
  state: "open" | "all";
  severity: string;
  phase: string;
  type: string;
  q: string;
  exercise: boolean;
}

interface Props {
  plan: PlanBody | undefined;
  value: IncidentListFilter;
  onChange: (change: Partial<IncidentListFilter>) => void;
}

/** Filters for the incident list; they live in the address so a filtered list can be shared. */
export function IncidentFilters({ plan, value, onChange }: Props) {
  const search = useRef<HTMLInputElement>(null);
  const [q, setQ] = useState(value.q);
  useShortcuts([
    {
      keys: "/",
      group: "Incidents",
      description: "Search incidents",
      run: () => search.current?.focus(),
    },
  ]);

  // Search as you type, but not on every keystroke.
  useEffect(() => {
    if (q === value.q) return;
    const t = setTimeout(() => onChange({ q }), 300);
    return () => clearTimeout(t);
  }, [q, value.q, onChange]);

  return (
    <form className="filters" aria-label="Filter incidents" onSubmit={(e) => e.preventDefault()}>
      <div className="field">
        <label htmlFor="f-q">Search</label>
        <input
          id="f-q"
          ref={search}
          type="search"
          placeholder="Title or id"
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="f-state">Show</label>
        <select
          id="f-state"
          value={value.state}
          onChange={(e) => onChange({ state: e.target.value as "open" | "all" })}
        >
          <option value="open">Open incidents</option>
          <option value="all">All incidents</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-severity">Severity</label>
        <select
          id="f-severity"
          value={value.severity}
          onChange={(e) => onChange({ severity: e.target.value })}
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
        <label htmlFor="f-phase">Phase</label>
        <select
          id="f-phase"
          value={value.phase}
          onChange={(e) => onChange({ phase: e.target.value })}
        >
          <option value="">Any</option>
          {INCIDENT_PHASES.map((p) => (
            <option key={p} value={p}>
              {phaseLabel(p)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-type">Type</label>
        <select id="f-type" value={value.type} onChange={(e) => onChange({ type: e.target.value })}>
          <option value="">Any</option>
          {plan?.incident_types.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field checkbox">
        <input
          id="f-exercise"
          type="checkbox"
          checked={value.exercise}
          onChange={(e) => onChange({ exercise: e.target.checked })}
        />
        <label htmlFor="f-exercise">Include exercises</label>
      </div>
    </form>
  );
}
