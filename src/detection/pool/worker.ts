/**
 * A detection pool thread: compiles the rules once from their files, then for each batch parses,
 * normalises and matches its events and answers with rule indexes and correlation inputs (and,
 * for the server's NDJSON lines, what it stores of each). It keeps no correlation state: the
 * windows live with the caller, fed in event order.
 */
import { parentPort, workerData } from "node:worker_threads";
import { loadRules, SigmaEngine } from "../sigma/index.js";
import { batchText, matchLines, readLines } from "./lines.js";
import type { PooledResult } from "./pool.js";
import {
  type LineAnswer,
  type MatchReply,
  type MatchRequest,
  type PoolRules,
  type ReadRequest,
  ruleSetFingerprint,
  type WorkerReply,
} from "./protocol.js";

const port = parentPort;
if (!port) throw new Error("the detection worker runs in a worker thread");
const spec = workerData as PoolRules;
const set = loadRules(spec.paths, spec.load ?? {});
const engine = new SigmaEngine(set, spec.engine ?? {});
const send = (reply: WorkerReply, transfer: ArrayBuffer[] = []) =>
  port.postMessage(reply, transfer);

const explain = spec.engine?.explain === true;

/** A batch's results, gathered event by event into the compact layout of `MatchReply`. */
class Answer {
  private readonly rules: number[] = [];
  private readonly ends: number[] = [];
  private readonly explained: Record<string, unknown>[] = [];
  private readonly correlations: MatchReply["correlations"] = [];
  readonly unreadable: number[] = [];

  /** The next event's results; none for a text that is not JSON or a line that is no event. */
  add(at: number, r: PooledResult | undefined): void {
    if (r) {
      for (const m of r.matches) {
        this.rules.push(m.rule.index);
        if (explain) this.explained.push(m.matched_fields ?? {});
      }
      if (r.correlation) this.correlations.push({ at, input: r.correlation });
    }
    this.ends.push(this.rules.length);
  }

  reply(seq: number): MatchReply {
    return {
      kind: "matched",
      seq,
      rules: Int32Array.from(this.rules),
      ends: Uint32Array.from(this.ends),
      ...(explain ? { explained: this.explained } : {}),
      correlations: this.correlations,
      unreadable: this.unreadable,
    };
  }
}

function matchBatch(req: MatchRequest): MatchReply {
  const answer = new Answer();
  // A caller that sent bytes has no text of its own to read an unreadable line again.
  const texts = typeof req.text === "string" ? undefined : ([] as string[]);
  matchLines(engine, batchText(req.text), req.mode, req.times, (at, r, line) => {
    if (!r) {
      answer.unreadable.push(at);
      texts?.push(line);
    }
    answer.add(at, r);
  });
  return { ...answer.reply(req.seq), ...(texts ? { unreadableTexts: texts } : {}) };
}

function readBatch(req: ReadRequest): MatchReply {
  const answer = new Answer();
  const lines: LineAnswer[] = [];
  readLines(engine, req.text, req.arrival, (at, line) => {
    if (line.kind === "event") {
      lines.push({ kind: "event", entities: line.entities, own: line.own });
      answer.add(at, line.result);
    } else {
      lines.push(line);
      answer.add(at, undefined);
    }
  });
  return { ...answer.reply(req.seq), lines };
}

port.on("message", (req: MatchRequest | ReadRequest) => {
  try {
    const reply = req.kind === "read" ? readBatch(req) : matchBatch(req);
    send(reply, [reply.rules.buffer as ArrayBuffer, reply.ends.buffer as ArrayBuffer]);
  } catch (e) {
    send({ kind: "failed", seq: req.seq, message: (e as Error).message });
  }
});
send({ kind: "ready", fingerprint: ruleSetFingerprint(set) });
