import type {
  StoredClockNotification,
  StoredClockStop,
} from "../../compliance/clock-record.types.js";

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
export interface ClockNotificationsTable
  extends Omit<StoredClockNotification, "recorded_by" | "channel"> {
  /** The actor who recorded it, as JSON. */
  recorded_by: string;
  /** Added by 0020-notification-channel. */
  channel: string | null;
}

/** At most one per incident and obligation. */
export interface ClockStopsTable extends Omit<StoredClockStop, "recorded_by"> {
  /** The actor who stopped it, as JSON. */
  recorded_by: string;
}
