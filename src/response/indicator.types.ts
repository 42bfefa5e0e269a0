import type { Indicator } from "../domain/incident/model.js";
import type { IncidentPhase } from "../domain/incident/phase.js";

/** An indicator as recorded on one incident, with enough of the incident to recognise it. */
export interface IndicatorSighting {
  indicator: Indicator;
  incident: {
    id: string;
    human_id: string;
    title: string;
    type: string;
    severity: string;
    phase: IncidentPhase;
    declared_at: string;
    restricted: boolean;
    exercise: boolean;
  };
}

/** Cross-incident lookup of indicators: "has this been seen before?". */
export interface IndicatorIndex {
  /**
   * Every incident carrying any of the given (type, value) readings, newest incident first.
   * Exercises are left out unless asked for: a drill's made-up indicators are not sightings.
   */
  sightings(
    readings: { type: string; value: string }[],
    /** `visibleTo`: restricted incidents this person does not take part in are left out. */
    options: { exercise?: boolean; limit: number; visibleTo?: string },
  ): Promise<IndicatorSighting[]>;
}
