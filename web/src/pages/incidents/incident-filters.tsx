import { useRef } from "react";
import { INCIDENT_PHASES } from "../../../../src/domain/incident/phase";
import type { PlanBody } from "../../api/documents";
import { choices } from "../../components/fields";
import { FilterBar, ParamCheckbox, ParamSearch, ParamSelect } from "../../components/filter-bar";
import { useShortcuts } from "../../hooks/use-shortcuts";
import { phaseLabel, severityChoices, typeChoices } from "../../lib/labels";

/** Filters for the incident list; they live in the address so a filtered list can be shared. */
export function IncidentFilters({ plan }: { plan: PlanBody | undefined }) {
  const search = useRef<HTMLInputElement>(null);
  useShortcuts([
    {
      keys: "/",
      group: "Incidents",
      description: "Search incidents",
      run: () => search.current?.focus(),
    },
  ]);

  return (
    <FilterBar label="Filter incidents">
      <ParamSearch param="q" id="f-q" label="Search" placeholder="Title or id" inputRef={search} />
      <ParamSelect
        param="state"
        fallback="open"
        id="f-state"
        label="Show"
        choices={[
          { value: "open", label: "Open incidents" },
          { value: "all", label: "All incidents" },
        ]}
      />
      <ParamSelect
        param="severity"
        id="f-severity"
        label="Severity"
        none="Any"
        choices={severityChoices(plan)}
      />
      <ParamSelect
        param="phase"
        id="f-phase"
        label="Phase"
        none="Any"
        choices={choices(INCIDENT_PHASES, phaseLabel)}
      />
      <ParamSelect param="type" id="f-type" label="Type" none="Any" choices={typeChoices(plan)} />
      <ParamCheckbox param="exercise" id="f-exercise" label="Include exercises" />
    </FilterBar>
  );
}
