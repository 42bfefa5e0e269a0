import type { IncidentPhase } from "../domain/incident/phase.js";
import type { SearchKind } from "../domain/search/kinds.js";
import type { SearchTerm } from "../domain/search/query.js";

/** Which incidents a search looks at. */
export interface SearchFilters {
  type?: string;
  severity?: string;
  phase?: IncidentPhase;
  /** A tag carried by one of the incident's alerts (Sigma tags, labels) or indicators (MISP tags). */
  tag?: string;
  /** Declared at or after / before, ISO 8601 UTC. */
  since?: string;
  until?: string;
  /** Include exercises (left out by default: a drill's records are made up). */
  exercise?: boolean;
}

/** One matched document: what it is, which record, its text, and how well it matched. */
export interface SearchHit {
  incident_id: string;
  kind: SearchKind;
  /** The record's id (for the timeline, "<incident id>:<seq>"). */
  ref: string;
  text: string;
  score: number;
}

/** An incident with at least one matching document. */
export interface SearchMatch {
  id: string;
  human_id: string;
  title: string;
  type: string;
  severity: string;
  phase: IncidentPhase;
  declared_at: string;
  restricted: boolean;
  /** Its best document's score: higher is better. */
  score: number;
}

/** The full-text index of incidents (store/search.repo.ts). */
export interface SearchIndex {
  /**
   * The incidents matching every term, best first, `offset` and `limit` of them; with
   * `visibleTo`, restricted incidents that person does not take part in are never considered.
   */
  incidents(
    terms: readonly SearchTerm[],
    filters: SearchFilters,
    page: { limit: number; offset: number; visibleTo?: string },
  ): Promise<SearchMatch[]>;
  /** The best `perIncident` matching documents of each of these incidents, best first. */
  hits(
    terms: readonly SearchTerm[],
    incidentIds: readonly string[],
    perIncident: number,
  ): Promise<SearchHit[]>;
}
