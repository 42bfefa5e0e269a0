/** Change events and the names they touch (migrations/0023-change-events.ts). */
export interface ChangeTables {
  change_events: ChangeEventsTable;
  change_event_targets: ChangeEventTargetsTable;
}

/** One change event as received. */
export interface ChangeEventsTable {
  id: string;
  integration_id: string;
  summary: string;
  source: string | null;
  /** The change's own time, or its arrival when the sender gave none. */
  timestamp: string;
  received_at: string;
  /** JSON object, or null. */
  custom_details: string | null;
  /** JSON array of `{href, text}`. */
  links: string;
  /** JSON array of the lower-case names it touches (copied into change_event_targets). */
  targets: string;
  dedup_key: string;
}

/** One name a change touches, with the change's time: the index incidents are matched through. */
export interface ChangeEventTargetsTable {
  change_id: string;
  target: string;
  timestamp: string;
}
