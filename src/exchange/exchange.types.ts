/** Tags on indicators, as an import brings them (MISP tags); exports write them back out. */
export interface IndicatorTagStore {
  /** Adds tags to indicators; a tag an indicator already has is left as it is. */
  add(tags: { indicator_id: string; tag: string }[]): Promise<void>;
  /** The tags of the incident's indicators, by indicator id, each list sorted. */
  forIncident(incidentId: string): Promise<Map<string, string[]>>;
}
