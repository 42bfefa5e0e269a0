/** Tags on indicators (migrations/0026-indicator-tags.ts). */
export interface IndicatorTagTables {
  indicator_tags: IndicatorTagsTable;
}

export interface IndicatorTagsTable {
  indicator_id: string;
  tag: string;
}
