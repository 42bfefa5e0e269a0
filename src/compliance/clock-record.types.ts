import type { Actor } from "../domain/actor.js";
import type { NotificationChannel } from "../domain/clock-states.js";

/** A notification recorded against a deadline of an obligation on an incident. */
export interface StoredClockNotification {
  id: string;
  incident_id: string;
  obligation_id: string;
  deadline_id: string;
  /** ISO 8601 UTC: when it was sent (may be earlier than recorded_at). */
  sent_at: string;
  recipient: string;
  /** The regulator's case number, filing id or similar. */
  reference: string | null;
  /** How it was sent; null on notifications recorded before channels were kept. */
  channel: NotificationChannel | null;
  recorded_at: string;
  recorded_by: Actor;
}

/** A clock stopped on purpose, with the reason (e.g. "no risk to individuals", GDPR Art. 33(1)). */
export interface StoredClockStop {
  incident_id: string;
  obligation_id: string;
  reason: string;
  at: string;
  recorded_by: Actor;
}

/** Everything recorded against clocks of some incidents. */
export interface ClockRecords {
  notifications: StoredClockNotification[];
  stops: StoredClockStop[];
}

/** What the clock use cases need from storage. */
export interface ClockRecordStore {
  addNotification(n: StoredClockNotification): Promise<void>;
  /** Stores a stop; false when the obligation's clock was already stopped (nothing written). */
  addStop(stop: StoredClockStop): Promise<boolean>;
  /** The records of the given incidents, notifications oldest first. */
  records(incidentIds: readonly string[]): Promise<ClockRecords>;
}
