/**
 * A detection pool thread: compiles the rules once from their files, then for each batch parses,
 * normalises and matches its events and answers with rule indexes and correlation inputs. It
 * keeps no correlation state: the windows live with the caller, fed in event order.
 */
import { parentPort, workerData } from "node:worker_threads";
import { normalizeEvent } from "../events/normalize.js";
import { loadRules, SigmaEngine } from "../sigma/index.js";
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
  const explain = spec.engine?.explain === true;
  let at = 0;
  let from = 0;
  while (from <= req.text.length && req.text.length > 0) {
    let to = req.text.indexOf("\n", from);
    if (to < 0) to = req.text.length;
    const event = parseObject(req.text.slice(from, to));
    if (!event) unreadable.push(at);
    const matches = !event
      ? []
      : req.mode === "standalone"
        ? engine.match(event)
        : (() => {
            const n = normalizeEvent(event);
            const t = req.times?.[at];
            const time = t === undefined ? (n.time ?? null) : Number.isNaN(t) ? null : t;
            const r = engine.matchEvent(n, { time });
            if (r.correlation) correlations.push({ at, input: r.correlation });
            return r.matches;
          })();
    for (const m of matches) {
      rules.push(m.rule.index);
      if (explain) explained.push(m.matched_fields ?? {});
    }
    ends.push(rules.length);
    at++;
    from = to + 1;
  }
  return {
    kind: "matched",
    seq: req.seq,
    rules: Int32Array.from(rules),
    ends: Uint32Array.from(ends),
    ...(explain ? { explained } : {}),
    correlations,
    unreadable,
  };
}

/** A text's JSON object, or undefined when it is not JSON (the batch's other events go on). */
function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
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
