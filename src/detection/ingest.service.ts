import { currentPlan } from "../documents/document.service.js";
import { invalidInput } from "../domain/errors.js";
import { newRowId } from "../domain/row-id.js";
import {
  type AlertEntities,
  type AlertSighting,
  type EventTimeSource,
  exerciseScope,
  type StoredEvent,
} from "./alert.types.js";
import {
  type BatchProblem,
  type BatchValue,
  type BodyLines,
  bodyLines,
  readBatch,
  readEvent,
  valuesOfLines,
} from "./batch-reader.js";
import type { ClusterStore } from "./cluster.types.js";
import {
  type Detection,
  type DetectionDeps,
  type EventToMatch,
  pipelineDeps,
  type Turn,
} from "./detection.js";
import { readEvtxBatch } from "./evtx-batch.js";
import { evaluatePolicies, type PolicyOutcome } from "./policy/policy.service.js";
import type { PooledResult } from "./pool/pool.js";
import { SightingCollector } from "./rule-alerts.js";
import { correlateShared } from "./sigma/correlation-shared.js";
import type { CorrelationInput } from "./sigma/engine.js";
import type { CorrelationMatch, ProcessResult, SigmaEngine } from "./sigma/index.js";
import { applySuppressions } from "./suppression.js";

/** One part of a batch that was not stored: an event by `index`, or unreadable text by `offset`. */
export interface IngestRejection {
  /** 0-based position among the JSON values read (for values that are not events). */
  index?: number;
  /** Character offset of a malformed part of the body. */
  offset?: number;
  line?: number;
  column?: number;
  reason: string;
}

/**
 * The answer to one batch (`POST /api/v1/events`, 202): how many events were stored, and each
 * part that was not, by its index (or offset) and reason.
 */
export interface IngestResult {
  accepted: number;
  /** The first 100 parts not stored (`rejected_truncated` says when there were more). */
  rejected: IngestRejection[];
  /** How many parts were not stored, all of them. */
  rejected_count: number;
  rejected_truncated?: boolean;
  /** Alerts raised or updated by the batch. */
  alerts: number;
  /** Incidents the declaration policies declared or joined. */
  incidents: PolicyOutcome[];
  /** What was read past in a damaged EVTX body (the records around it were stored). */
  warnings?: string[];
}

/** Where a batch comes from, besides its events. */
export interface BatchOrigin {
  source?: string | null;
  integrationId?: string | null;
  /** An exercise run replaying events: its alerts stay apart and declare exercise incidents. */
  exerciseRunId?: string | null;
}

const MAX_ERRORS = 100;

/**
 * Ingests one batch: reads every JSON value of the body (array, NDJSON or concatenated objects),
 * normalises the events, runs the Sigma rules over them, and stores the events with the alerts
 * they raised in one transaction. Malformed parts and values that are not objects are reported
 * and skipped; every readable event of the batch is stored. Only then do the declaration
 * policies run over the alerts.
 */
export async function ingestEvents(
  given: DetectionDeps,
  input: BatchOrigin & { text: string },
): Promise<IngestResult> {
  return ingestRead(given, bodyLines(input.text) ?? readBatch(input.text), input);
}

/** Ingests the records of an EVTX file (a damaged one: what could be read, with warnings). */
export async function ingestEvtx(
  given: DetectionDeps,
  input: BatchOrigin & { bytes: Uint8Array },
): Promise<IngestResult> {
  return ingestRead(given, await readEvtxBatch(input.bytes), input);
}

/** A batch read into values, and the malformed parts met reading it. */
interface BatchRead {
  values: BatchValue[];
  problems: BatchProblem[];
  warnings?: string[];
}

/** A batch's matches on their way to the correlation windows, in its turn (`Detection.turn`). */
interface Matching {
  turn: Turn;
  results: Promise<PooledResult[]>;
}

/**
 * Ingests a batch already read into values (and the malformed parts met reading it), or the
 * lines of an NDJSON body, which the detection threads read: the events of any input format,
 * JSON or EVTX (`evtx-batch.ts`), go through here alike.
 */
export async function ingestRead(
  given: DetectionDeps,
  content: BatchRead | BodyLines,
  input: BatchOrigin,
): Promise<IngestResult> {
  const deps = pipelineDeps(given);
  const arrival = deps.clock.now();
  const now = arrival.toISOString();
  const { events, matching, errors, rejected, warnings } = await readEvents(
    deps.detection,
    content,
    arrival,
    input,
  );

  const sightings = await detect(deps, events, matching);
  // An exercise's alerts get their own dedup scope: they never count into a real alert.
  if (input.exerciseRunId) for (const s of sightings) s.scope = exerciseScope(input.exerciseRunId);
  const results = await deps.detection.store(events, sightings, now);
  const incidents = await evaluatePolicies(
    deps,
    results.map((r) => r.alert),
  );
  return {
    accepted: events.length,
    rejected: errors,
    rejected_count: rejected,
    ...(rejected > errors.length ? { rejected_truncated: true } : {}),
    alerts: results.length,
    incidents,
    ...(warnings?.length ? { warnings } : {}),
  };
}

/** A batch's events to store, their matches in the batch's turn, and the parts not stored. */
interface EventsRead {
  events: StoredEvent[];
  matching: Matching;
  /** The first MAX_ERRORS parts not stored, in body order. */
  errors: IngestRejection[];
  rejected: number;
  warnings?: string[] | undefined;
}

/**
 * Reads a batch into the events to store and starts matching them in the batch's turn; refuses
 * a batch of which no event could be read.
 */
async function readEvents(
  detection: Detection,
  content: BatchRead | BodyLines,
  arrival: Date,
  input: BatchOrigin,
): Promise<EventsRead> {
  const read = await readValues(detection, content, arrival.getTime());
  try {
    const { events, toMatch, errors, rejected } = eventsOf(read, arrival, input);
    if (events.length === 0 && rejected > 0)
      throw invalidInput(
        `no event could be read: ${rejected} malformed part(s)`,
        errors.map((e) => ({
          message: e.reason,
          ...(e.line !== undefined ? { line: e.line } : {}),
          ...(e.column !== undefined ? { column: e.column } : {}),
          path: e.index !== undefined ? `[${e.index}]` : `offset ${e.offset}`,
        })),
      );
    const matching = { turn: read.turn, results: matchRest(detection, toMatch) };
    return { events, matching, errors, rejected, warnings: read.warnings };
  } catch (e) {
    read.turn.release();
    throw e;
  }
}

/**
 * The events of a batch's values (each with its results, or what to match it with) and the
 * parts not stored: malformed ones, and values that are no event.
 */
function eventsOf(read: BatchRead, arrival: Date, input: BatchOrigin) {
  const now = arrival.toISOString();
  const errors: IngestRejection[] = [];
  let rejected = 0;
  const reject = (e: IngestRejection) => {
    rejected++;
    if (errors.length < MAX_ERRORS) errors.push(e);
  };
  const events: StoredEvent[] = [];
  const toMatch: (PooledResult | EventToMatch)[] = [];
  for (const p of read.problems)
    reject({ offset: p.offset, line: p.line, column: p.column, reason: p.message });
  for (const item of read.values) {
    const r = item.read ?? readEvent(item.value, arrival.getTime());
    if (r.kind === "rejected") {
      reject({
        index: item.index,
        ...(item.line !== undefined ? { line: item.line } : {}),
        reason: r.reason,
      });
      continue;
    }
    const time = r.own ?? arrival.getTime();
    const event = {
      id: newRowId(),
      received_at: now,
      time: new Date(time).toISOString(),
      time_source: r.own === undefined ? "arrival" : "event",
      source: input.exerciseRunId ? exerciseScope(input.exerciseRunId) : (input.source ?? null),
      integration_id: input.integrationId ?? null,
      entities: r.entities,
    } as const;
    if ("result" in r) {
      events.push(new EventText(event, item.text as string));
      toMatch.push(r.result);
    } else {
      events.push({
        ...event,
        raw: item.value,
        ...(item.text !== undefined ? { raw_text: item.text } : {}),
      });
      toMatch.push({ event: r.normalized, time, text: item.text });
    }
  }
  // Problems in the order they occur in the body, as people read it.
  errors.sort((x, y) => (x.line ?? 0) - (y.line ?? 0));
  return { events, toMatch, errors, rejected };
}

/**
 * The batch's values, and its place in the order batches are correlated in, taken as it comes
 * (before anything is awaited): an NDJSON body's lines read by the worker threads when they are
 * ready, which match its events as they read them; any other batch as it is, a body read here.
 */
async function readValues(
  detection: Detection,
  batch: BatchRead | BodyLines,
  arrival: number,
): Promise<BatchRead & { turn: Turn }> {
  const turn = detection.turn();
  try {
    if (!("starts" in batch)) return { ...batch, turn };
    const reading = detection.matchLines(batch, arrival);
    return { ...(reading ? valuesOfLines(batch, await reading) : readBatch(batch.text)), turn };
  } catch (e) {
    turn.release();
    throw e;
  }
}

/**
 * A stored event whose value is its line's text, as the store writes it: the value itself is
 * parsed only if something reads it. A class, so that every such event has one shape (an object
 * literal with a getter is a dictionary to V8, slow to read in the store's loops).
 */
class EventText implements StoredEvent {
  readonly id: string;
  readonly received_at: string;
  readonly time: string | null;
  readonly time_source: EventTimeSource;
  readonly source: string | null;
  readonly integration_id: string | null;
  readonly entities: AlertEntities;

  constructor(
    event: Omit<StoredEvent, "raw" | "raw_text">,
    readonly raw_text: string,
  ) {
    this.id = event.id;
    this.received_at = event.received_at;
    this.time = event.time;
    this.time_source = event.time_source;
    this.source = event.source;
    this.integration_id = event.integration_id;
    this.entities = event.entities;
  }

  get raw(): unknown {
    return JSON.parse(this.raw_text);
  }
}

/** Each event's results: those the threads gave as they read it, the others matched now. */
async function matchRest(
  detection: Detection,
  toMatch: (PooledResult | EventToMatch)[],
): Promise<PooledResult[]> {
  const rest = toMatch.filter((m): m is EventToMatch => "event" in m);
  const matched = await detection.match(rest);
  let k = 0;
  return toMatch.map((m) => ("event" in m ? (matched[k++] as PooledResult) : m));
}

/**
 * Runs the compiled rules over the batch (on the worker threads when there are some) and
 * gathers the matches into alert sightings. The correlation windows are fed here, event by event
 * in batch order, and batch after batch in the order they arrived (`Detection.turn`).
 */
async function detect(
  deps: DetectionDeps,
  events: StoredEvent[],
  matching: Matching,
): Promise<AlertSighting[]> {
  const detection = deps.detection;
  const { engine } = detection.rules();
  const hits: { event: StoredEvent; result: ProcessResult }[] = [];
  const { turn } = matching;
  try {
    const matched = await matching.results;
    await turn.ready;
    // Several nodes on PostgreSQL: correlation windows are shared through the database.
    const shared: CorrelationInput[] = [];
    events.forEach((event, i) => {
      const { matches, correlation } = matched[i] as PooledResult;
      const input = correlation && { ...correlation, ref: event.id };
      let correlations: CorrelationMatch[] = [];
      if (input && detection.cluster) {
        if (input.hits.length > 0) shared.push(input);
      } else if (input) correlations = engine.correlate(input);
      if (matches.length > 0 || correlations.length > 0)
        hits.push({ event, result: { matches, correlations } });
    });
    if (detection.cluster && shared.length > 0)
      await correlateAcrossNodes(detection.cluster, engine, shared, hits, events);
  } finally {
    turn.release();
  }
  if (hits.length === 0) return [];
  const collector = new SightingCollector((await currentPlan(deps.documents)).body);
  for (const { event: e, result } of hits) {
    const seen = e.time ?? e.received_at;
    for (const m of result.matches) collector.match(m, e.id, e.entities, seen);
    for (const c of result.correlations) collector.correlation(c, e.id, e.entities, seen);
  }
  const sightings = collector.sightings();
  applySuppressions(
    sightings,
    await deps.detection.suppressions.active(deps.clock.now().toISOString()),
  );
  return sightings;
}

/** Adds the correlations the shared windows completed to the results of the events that did. */
async function correlateAcrossNodes(
  cluster: ClusterStore,
  engine: SigmaEngine,
  inputs: CorrelationInput[],
  hits: { event: StoredEvent; result: ProcessResult }[],
  events: StoredEvent[],
): Promise<void> {
  const fired = await correlateShared(engine.correlationRules, inputs, cluster);
  if (fired.length === 0) return;
  const byEvent = new Map(hits.map((h) => [h.event.id, h]));
  const allEvents = new Map(events.map((e) => [e.id, e]));
  for (const { match, by } of fired) {
    let hit = byEvent.get(by as string);
    if (!hit) {
      const event = allEvents.get(by as string);
      if (!event) continue;
      hit = { event, result: { matches: [], correlations: [] } };
      hits.push(hit);
      byEvent.set(event.id, hit);
    }
    hit.result.correlations.push(match);
  }
}
