/** Deployment-wide settings (migrations/0018-settings.ts). */
export interface SettingsTables {
  settings: SettingsTable;
}

/** One setting: a JSON value under a key, with who set it last and when. */
export interface SettingsTable {
  key: string;
  /** JSON text. */
  value: string;
  updated_at: string;
  /** `describeActor` of whoever set it. */
  updated_by: string;
}
