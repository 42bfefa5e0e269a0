import { api, apiUrl } from "./client";
import type {
  ClassifyInput,
  DeclareInput,
  Incident,
  IncidentDetail,
  IncidentFilter,
  NoteInput,
  Page,
  PhaseInput,
  Task,
  TaskPatch,
  TimelineEntry,
  TimelineVerdict,
} from "./types";

const at = (ref: string) => `/incidents/${encodeURIComponent(ref)}`;

/** The incident routes (`src/server/routes/incident.routes.ts`). */
export const incidentsApi = {
  list: (filter: IncidentFilter = {}, signal?: AbortSignal) =>
    api<Page<Incident>>("/incidents", {
      signal,
      query: {
        open: filter.open ? "true" : undefined,
        exercise: filter.exercise ? "true" : undefined,
        phase: filter.phase,
        severity: filter.severity,
        type: filter.type,
        q: filter.q?.trim() || undefined,
        limit: filter.limit,
        cursor: filter.cursor,
      },
    }),

  get: (ref: string, signal?: AbortSignal) => api<IncidentDetail>(at(ref), { signal }),

  declare: (input: DeclareInput) => api<Incident>("/incidents", { json: input }),

  classify: (ref: string, input: ClassifyInput, version?: number) =>
    api<Incident>(at(ref), { method: "PATCH", json: input, ifMatch: version }),

  acknowledge: (ref: string) => api<Incident>(`${at(ref)}/acknowledge`, { method: "POST" }),

  advance: (ref: string, input: PhaseInput, version?: number) =>
    api<Incident>(`${at(ref)}/advance`, { json: input, ifMatch: version }),

  close: (ref: string, input: PhaseInput, version?: number) =>
    api<Incident>(`${at(ref)}/close`, { json: input, ifMatch: version }),

  decline: (ref: string, reason: string, version?: number) =>
    api<Incident>(`${at(ref)}/decline`, { json: { reason }, ifMatch: version }),

  reopen: (ref: string, reason: string) => api<Incident>(`${at(ref)}/reopen`, { json: { reason } }),

  tasks: (ref: string, signal?: AbortSignal) =>
    api<Page<Task>>(`${at(ref)}/tasks`, { signal }).then((p) => p.items),

  updateTask: (ref: string, taskId: string, patch: TaskPatch, version?: number) =>
    api<Task>(`${at(ref)}/tasks/${encodeURIComponent(taskId)}`, {
      method: "PATCH",
      json: patch,
      ifMatch: version,
    }),

  timeline: (ref: string, after?: number, signal?: AbortSignal) =>
    api<Page<TimelineEntry>>(`${at(ref)}/timeline`, { signal, query: { after } }).then(
      (p) => p.items,
    ),

  addNote: (ref: string, input: NoteInput) => api<Incident>(`${at(ref)}/notes`, { json: input }),

  verifyTimeline: (ref: string) => api<TimelineVerdict>(`${at(ref)}/timeline/verify`),

  /** The server-sent events URL of the incident's live timeline. */
  streamUrl: (ref: string, after: number) => apiUrl(`${at(ref)}/stream`, { after }),
};
