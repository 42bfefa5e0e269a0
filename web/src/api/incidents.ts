import { endpointUrl } from "../../../src/client/client";
import { incidentStream } from "../../../src/contract/incident-stream";
import {
  type ClassifyInput,
  type DeclareInput,
  incidents,
  type NewTaskInput,
  type NoteInput,
  type PhaseInput,
  type TaskPatch,
} from "../../../src/contract/incidents";
import { client } from "./client";

export type {
  ClassifyInput,
  DeclareInput,
  IncidentDetail,
  IncidentView as Incident,
  NewTaskInput,
  NoteInput,
  PhaseInput,
  TaskPatch,
  TaskView as Task,
  TimelineEntryView as TimelineEntry,
  TimelineVerdict,
} from "../../../src/contract/incidents";

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

const on = (id: string) => ({ params: { id } });

/** The incident routes, as the pages call them (`src/contract/incidents.ts`). */
export const incidentsApi = {
  list: (filter: IncidentFilter = {}, signal?: AbortSignal) =>
    client.call(
      incidents.list,
      {
        query: {
          open: filter.open ? "true" : undefined,
          exercise: filter.exercise ? "true" : undefined,
          phase: filter.phase?.join(","),
          severity: filter.severity?.join(","),
          type: filter.type?.join(","),
          q: filter.q?.trim() || undefined,
          limit: filter.limit,
          cursor: filter.cursor,
        },
      },
      { signal },
    ),

  get: (ref: string, signal?: AbortSignal) => client.call(incidents.get, on(ref), { signal }),

  declare: (input: DeclareInput) => client.call(incidents.declare, { body: input }),

  classify: (ref: string, input: ClassifyInput, version?: number) =>
    client.call(incidents.classify, { ...on(ref), body: input }, { ifMatch: version }),

  acknowledge: (ref: string) => client.call(incidents.acknowledge, on(ref)),

  advance: (ref: string, input: PhaseInput, version?: number) =>
    client.call(incidents.advance, { ...on(ref), body: input }, { ifMatch: version }),

  close: (ref: string, input: PhaseInput, version?: number) =>
    client.call(incidents.close, { ...on(ref), body: input }, { ifMatch: version }),

  decline: (ref: string, reason: string, version?: number) =>
    client.call(incidents.decline, { ...on(ref), body: { reason } }, { ifMatch: version }),

  reopen: (ref: string, reason: string) =>
    client.call(incidents.reopen, { ...on(ref), body: { reason } }),

  merge: (ref: string, into: string, reason: string, version?: number) =>
    client.call(incidents.merge, { ...on(ref), body: { into, reason } }, { ifMatch: version }),

  addTask: (ref: string, input: NewTaskInput) =>
    client.call(incidents.addTask, { ...on(ref), body: input }),

  tasks: (ref: string, signal?: AbortSignal) =>
    client.call(incidents.tasks, on(ref), { signal }).then((p) => p.items),

  updateTask: (ref: string, taskId: string, patch: TaskPatch, version?: number) =>
    client.call(
      incidents.updateTask,
      { params: { id: ref, taskId }, body: patch },
      { ifMatch: version },
    ),

  timeline: (ref: string, after?: number, signal?: AbortSignal) =>
    client
      .call(incidents.timeline, { ...on(ref), query: { after } }, { signal })
      .then((p) => p.items),

  addNote: (ref: string, input: NoteInput) =>
    client.call(incidents.addNote, { ...on(ref), body: input }),

  verifyTimeline: (ref: string) => client.call(incidents.verifyTimeline, on(ref)),

  /** The server-sent events URL of the incident's live timeline. */
  streamUrl: (ref: string, after: number) =>
    endpointUrl(incidentStream.path, { id: ref }, { after }),
};
