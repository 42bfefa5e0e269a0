/**
 * A detection pool thread: compiles the rules once from their files, then for each batch parses,
 * normalises and matches its events and answers with rule indexes and correlation inputs. It
 * keeps no correlation state: the windows live with the caller, fed in event order.
 */
import { parentPort, workerData } from "node:worker_threads";
import { loadRules, SigmaEngine } from "../sigma/index.js";
import { batchText, matchLines } from "./lines.js";
import {
  type MatchReply,
  type MatchRequest,
  type PoolRules,
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

function matchBatch(req: MatchRequest): MatchReply {
  const rules: number[] = [];
  const ends: number[] = [];
  const explained: Record<string, unknown>[] = [];
  const correlations: MatchReply["correlations"] = [];
  const unreadable: number[] = [];
  // A caller that sent bytes has no text of its own to read an unreadable line again.
  const texts = typeof req.text === "string" ? undefined : ([] as string[]);
  const explain = spec.engine?.explain === true;
  matchLines(engine, batchText(req.text), req.mode, req.times, (at, r, line) => {
    if (!r) {
      unreadable.push(at);
      texts?.push(line);
    } else {
      for (const m of r.matches) {
        rules.push(m.rule.index);
        if (explain) explained.push(m.matched_fields ?? {});
      }
      if (r.correlation) correlations.push({ at, input: r.correlation });
    }
    ends.push(rules.length);
  });
  return {
    kind: "matched",
    seq: req.seq,
    rules: Int32Array.from(rules),
    ends: Uint32Array.from(ends),
    ...(explain ? { explained } : {}),
    correlations,
    unreadable,
    ...(texts ? { unreadableTexts: texts } : {}),
  };
}

port.on("message", (req: MatchRequest) => {
  try {
    const reply = matchBatch(req);
    send(reply, [reply.rules.buffer as ArrayBuffer, reply.ends.buffer as ArrayBuffer]);
  } catch (e) {
    send({ kind: "failed", seq: req.seq, message: (e as Error).message });
  }
});
send({ kind: "ready", fingerprint: ruleSetFingerprint(set) });
