/**
 * Deployment-wide settings kept in the database (store/settings.repo.ts): small JSON values under
 * a key, each remembering who set it and when. The first-run checklist keeps its dismissal here;
 * other features may keep theirs under their own key.
 */

/** A stored setting. */
export interface Setting<T = unknown> {
  key: string;
  value: T;
  updated_at: string;
  updated_by: string;
}

export interface SettingsStore {
  /** The setting under `key`, or undefined when it was never set or was cleared. */
  get<T = unknown>(key: string): Promise<Setting<T> | undefined>;
  /** Sets (or replaces) the value under `key`. */
  put<T>(setting: Setting<T>): Promise<void>;
  /** Forgets the setting; clearing one that is not there is fine. */
  clear(key: string): Promise<void>;
}
