/**
 * What the detection pool's threads say to each other. Everything here is plain data (structured
 * clone): compiled rules hold functions, so each worker compiles its own copy from the same rule
 * files, and matches travel as rule indexes (`CompiledRule.index`) mapped back by the caller.
 */
import { createHash } from "node:crypto";
import type { EventEntities } from "../events/index.js";
import type { CorrelationInput } from "../sigma/engine.js";
import type { LoadOptions, Logsource, RuleSet } from "../sigma/index.js";

/** The rules a worker loads and how its engine evaluates them (the caller's engine must agree). */
export interface PoolRules {
  /** Rule files and folders, as given to `loadRules`. */
  paths: string[];
  load?: LoadOptions;
  engine?: { strictLogsource?: boolean; logsource?: Logsource; explain?: boolean };
}

/**
 * One batch of events: their JSON texts joined by "\n" (JSON.stringify and NDJSON lines have no
 * raw newline), as one string (the cheapest string to copy to a thread), or as the UTF-8 bytes of
 * NDJSON lines as read (`EventLines`), transferred, not copied, and decoded by the worker.
 */
export interface MatchRequest {
  kind: "match";
  seq: number;
  text: string | Uint8Array;
  /**
   * `normalized`: normalise and evaluate standalone and correlation rules (`matchEvent`);
   * `standalone`: standalone rules on the raw event only (`match`), as `detect --no-correlations`.
   */
  mode: "normalized" | "standalone";
  /** Each event's time (ms; NaN: none); absent: the time the event itself says. */
  times?: Float64Array;
}

/**
 * NDJSON lines of a body the server ingests (its text from the first line's start to the last
 * one's end), to read as it reads them (`readLines`) and match, events without a time they say
 * standing at `arrival` (ms).
 */
export interface ReadRequest {
  kind: "read";
  seq: number;
  text: string;
  arrival: number;
}

/** What a worker says one line of a `ReadRequest` is (its matches travel in `MatchReply`). */
export type LineAnswer =
  /** No value: `json` when its blanks are all JSON white space, which the event reader skips. */
  | { kind: "blank"; json: boolean }
  /** Not one JSON value: the server reads it again to say why. */
  | { kind: "unreadable" }
  /** A value the server does not store, and why (`readEvent`). */
  | { kind: "rejected"; reason: string }
  /** An event: what the server stores of it besides its text (`readEvent`). */
  | { kind: "event"; entities: EventEntities; own: number | undefined };

/** A batch's results, compactly: rule indexes per event and the events' correlation inputs. */
export interface MatchReply {
  kind: "matched";
  seq: number;
  /** Every event's matching rule indexes, one event after the other. */
  rules: Int32Array;
  /** `ends[i]`: where event i's rule indexes end in `rules`. */
  ends: Uint32Array;
  /** Parallel to `rules` when the engine explains matches. */
  explained?: Record<string, unknown>[];
  /** Correlation inputs by event position in the batch (ref left for the caller to set). */
  correlations: { at: number; input: CorrelationInput }[];
  /** Positions of texts that are not JSON (the caller reads them again to say why). */
  unreadable: number[];
  /** For a batch sent as bytes: the text of each unreadable line, parallel to `unreadable`. */
  unreadableTexts?: string[];
  /** For a `ReadRequest`: what each line is. */
  lines?: LineAnswer[];
}

/** Sent once the worker's rules are compiled. */
export interface ReadyReply {
  kind: "ready";
  fingerprint: string;
}

/** A batch or the start-up failed in the worker. */
export interface FailedReply {
  kind: "failed";
  seq?: number;
  message: string;
}

export type WorkerReply = MatchReply | ReadyReply | FailedReply;

/**
 * Identifies a compiled rule set by its rules and correlations in order (what they are called,
 * where, and what they apply to): a worker whose files changed on disk since the caller read them
 * would map rule indexes to the wrong rules. A change inside a detection alone is not seen.
 */
export function ruleSetFingerprint(set: {
  rules: RuleSet["rules"];
  correlations: RuleSet["correlations"];
}): string {
  const h = createHash("sha256");
  for (const r of set.rules)
    h.update(JSON.stringify([r.index, r.id, r.title, r.file, r.level, r.logsource, r.standalone]));
  for (const c of set.correlations)
    h.update(JSON.stringify([c.id, c.title, c.file, c.type, c.rules, c.groupBy, c.condition]));
  return h.digest("hex");
}
