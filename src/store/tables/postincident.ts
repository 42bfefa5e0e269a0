import type { ActionItem } from "../../postincident/postincident.types.js";

/** Post-incident work and reports (see migrations/0007-postincident.ts). */
export interface PostIncidentTables {
  rcas: RcasTable;
  action_items: ActionItemsTable;
  lessons: LessonsTable;
  reports: ReportsTable;
}

export interface RcasTable {
  id: string;
  human_id: string;
  title: string;
  incident_id: string | null;
  problem_id: string | null;
  /** JSON of RcaScope. */
  scope: string;
  /** JSON array of CauseNode, parents before children. */
  causes: string;
  root_cause_id: string | null;
  /** JSON of RcaSolution, or null. */
  solution: string | null;
  status: string;
  /** Lower-case text of title, scope, causes and solution, for "has this happened before?". */
  search_text: string;
  created_at: string;
  created_by: string;
  updated_at: string;
  version: number;
}

/** An action item as stored: the model, with its status as plain text. */
export interface ActionItemsTable extends Omit<ActionItem, "status"> {
  status: string;
}

export interface LessonsTable {
  id: string;
  /** One review per incident. */
  incident_id: string;
  what_happened: string;
  /** JSON arrays of text. */
  went_well: string;
  went_poorly: string;
  learned: string;
  /** JSON array of ChangeProposal. */
  proposals: string;
  /** Space-separated "kind/id" of every proposal target, for finding proposals per document. */
  targets: string;
  search_text: string;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
  version: number;
}

export interface ReportsTable {
  id: string;
  incident_id: string;
  kind: string;
  format: string;
  /** 1, 2, … per incident, kind and format. */
  version: number;
  title: string;
  media_type: string;
  /** SHA-256 of the content's bytes. */
  sha256: string;
  size: number;
  /** `utf8` for text formats, `base64` for PDF (one text column works the same on both dialects). */
  encoding: string;
  content: string;
  /** The incident version the report was rendered from. */
  incident_version: number;
  created_at: string;
  created_by: string;
}
