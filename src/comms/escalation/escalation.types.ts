/**
 * `active`: pages go out on the path's schedule. `acknowledged`: someone took the incident on.
 * `exhausted`: every step of every round paged and nobody acknowledged. `ended`: the incident was
 * closed, declined or merged first. `no_path`: the plan has no path for the severity.
 */
export type EscalationStatus = "active" | "acknowledged" | "exhausted" | "ended" | "no_path";

/** A position on the path: which round (0-based, up to `repeat`) and which step (0-based). */
export interface PathPosition {
  round: number;
  step: number;
}

/** Where an incident's escalation stands. Times are ISO 8601 UTC text. */
export interface EscalationState {
  incident_id: string;
  /**
   * Which run of the path: the incident version that started it (1 at declaration, the version of
   * the severity change on a re-target). Jobs carry it, so a job of an earlier run does nothing.
   */
  run: number;
  severity: string;
  status: EscalationStatus;
  /** The last step paged, or null before the first page. */
  last: (PathPosition & { at: string }) | null;
  /** The next step and when it is due; null once nothing more is due. */
  next: (PathPosition & { at: string }) | null;
  started_at: string;
  updated_at: string;
}

/** What the escalation engine needs from storage. */
export interface EscalationStore {
  get(incidentId: string): Promise<EscalationState | undefined>;
  /** Creates or replaces the incident's state. */
  put(state: EscalationState): Promise<void>;
}

/** Used one-time acknowledgement links. */
export interface AckNonceStore {
  /** Marks a nonce used; false when it had been used already (nothing written). */
  use(nonce: string, incidentId: string, recipient: string, at: Date): Promise<boolean>;
  /** Whether a nonce was used: the confirmation page says so instead of offering the button. */
  isUsed(nonce: string): Promise<boolean>;
}

/** Secrets the server generates for itself, shared by every node through the database. */
export interface SecretStore {
  /**
   * The secret stored under `name`, or `generated` stored now. When two nodes race, both get the
   * one that was stored first.
   */
  getOrCreate(name: string, generated: string, now: Date): Promise<string>;
}
