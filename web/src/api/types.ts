/**
 * The API's shapes, written by hand from `/api/v1/openapi.json` (the server's zod schemas in
 * `src/server/routes/*.schemas.ts` and `*.routes.ts`). Only what the interface reads is typed;
 * when a route changes, change it here and let the compiler find the screens that care.
 */

/** ISO 8601 UTC text. */
export type Time = string;

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

/** RFC 9457 problem details, as every error is answered. */
export type { Problem, ProblemError as ProblemDetail } from "../../../src/contract/problem";

import type { ClosingObligation } from "../../../src/domain/incident/closing-obligation";

export type { ClosingObligation };

// ---- incidents ---------------------------------------------------------------------------

import type { IncidentView } from "../../../src/contract/incidents";
import type { TaskPhase } from "../../../src/domain/incident/phase";

export type {
  ClassifyInput,
  DeclareInput,
  IncidentDetail,
  IncidentView as Incident,
  NoteInput,
  PhaseInput,
  TaskPatch,
  TaskView as Task,
  TimelineEntryView as TimelineEntry,
  TimelineVerdict,
} from "../../../src/contract/incidents";
export type { Actor } from "../../../src/domain/actor";
export {
  ACTIVE_PHASES,
  type ActivePhase,
  END_STATES,
  type IncidentPhase,
  TASK_PHASES,
  type TaskPhase,
} from "../../../src/domain/incident/phase";
export { TASK_STATUSES, type TaskStatus } from "../../../src/domain/incident/task";

export type IncidentTimes = IncidentView["times"];

/** The list filters the incident list page keeps in its URL. */
export interface IncidentFilter {
  open?: boolean;
  phase?: string[];
  severity?: string[];
  type?: string[];
  exercise?: boolean;
  q?: string;
  limit?: number;
  cursor?: string;
}
