import type { ChangeEvent } from "../domain/change.js";

export interface ChangeFilter {
  /** Changes at or after this time (ISO 8601 UTC). */
  since?: string;
  /** Changes at or before this time. */
  until?: string;
  /** Only changes touching one of these names (lower case). */
  targets?: string[];
}

/** What the change use cases need from storage. */
export interface ChangeStore {
  /**
   * Stores a change with the names it touches; a change whose `(integration_id, dedup_key)` is
   * stored already is not stored again, and the stored one is answered.
   */
  record(change: ChangeEvent): Promise<ChangeEvent>;
  /** Newest first by the change's time; the cursor is the last item's `timestamp|id`. */
  list(
    filter: ChangeFilter,
    limit: number,
    cursor?: string,
  ): Promise<{ items: ChangeEvent[]; next_cursor: string | null }>;
}
