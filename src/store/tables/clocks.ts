/**
 * What was recorded against the plan's compliance obligations on an incident: the notifications
 * sent to regulators (which meet deadlines) and the stops (a clock ended on purpose, with a
 * reason). The clocks themselves are computed, never stored (`compliance/clocks.ts`).
 */
export interface ClockTables {
  clock_notifications: ClockNotificationsTable;
  clock_stops: ClockStopsTable;
}

/** A notification to a regulator or other recipient, recorded against one deadline. */
export interface ClockNotificationsTable {
  id: string;
  incident_id: string;
  obligation_id: string;
  deadline_id: string;
  /** When it was sent (may be earlier than recorded_at). */
  sent_at: string;
  recipient: string;
  /** The regulator's case number, filing id or similar. */
  reference: string | null;
  recorded_at: string;
  /** The actor who recorded it, as JSON. */
  recorded_by: string;
}

/** At most one per incident and obligation. */
export interface ClockStopsTable {
  incident_id: string;
  obligation_id: string;
  reason: string;
  at: string;
  /** The actor who stopped it, as JSON. */
  recorded_by: string;
}
