/**
 * `firebreak detect`: offline Sigma rule evaluation (DESIGN.md section 5).
 *
 *   firebreak detect --rules <file|dir>... --events <file|dir|->... [--threads N]
 *
 * Matching runs on N threads (default: the cores) once the input passes a few thousand events;
 * the output is the same, line for line, as on one thread (docs/detection.md, "Threads").
 *
 * Events come through `readEventInputs`: JSON (array, NDJSON, concatenated), EVTX and gzip of
 * either, recognised by their first bytes; a folder is every file under it. An event without a
 * time `parseTime` recognises is matched by the rules but counted in no correlation window
 * (docs/event-time.md): offline there is no arrival time to stand in.
 *
 * stdout: one NDJSON line per match, `{"rule_id","title","level","event_index",...}`.
 * stderr: problems (malformed event input, rule warnings), then as the last line the JSON
 * summary `{"rules_loaded","rules_failed","events","matches","failures":[{"file","reason"}]}`.
 * Exit 0 on success, 2 on bad input (missing events file, unreadable rules path, no rules).
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { Command, Option } from "commander";
import { type InputProblem, readEventInputs } from "../../detection/events/input.js";
import { parseEventsText } from "../../detection/events/json-stream.js";
import { LazyPool } from "../../detection/pool/lazy.js";
import { matchHere } from "../../detection/pool/lines.js";
import { matchInOrder } from "../../detection/pool/ordered.js";
import { type PooledResult, stopPretenuring } from "../../detection/pool/pool.js";
import {
  type CorrelationMatch,
  type Logsource,
  loadRules,
  type RuleMatch,
  SigmaEngine,
} from "../../detection/sigma/index.js";

/** Options of `detect` (as commander parses them). */
export interface DetectOptions {
  rules: string[];
  /** Files, folders, or "-" for stdin; one or several. */
  events: string | string[];
  placeholder?: string[];
  logsource?: string;
  strictLogsource?: boolean;
  correlations?: boolean;
  /**
   * Threads matching events (default: the machine's cores); 1 matches on the calling thread. A
   * string is what `--threads` got when it was not a number (refused with exit 2).
   */
  threads?: number | string;
}

/** Where `runDetect` reads and writes. */
export interface DetectIo {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  /** Standard input, for `--events -`. */
  stdin?: AsyncIterable<Uint8Array>;
}

const EXIT_OK = 0;
const EXIT_BAD_INPUT = 2;

function parsePlaceholders(list: string[] = []): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const item of list) {
    const eq = item.indexOf("=");
    if (eq <= 0) throw new Error(`--placeholder needs NAME=VALUE, got '${item}'`);
    const name = item.slice(0, eq).replace(/^%|%$/g, "");
    out[name] = [...(out[name] ?? []), item.slice(eq + 1)];
  }
  return out;
}

function parseLogsource(spec: string | undefined): Logsource | undefined {
  if (!spec) return undefined;
  const ls: Logsource = {};
  for (const part of spec.split(",")) {
    const [k, v] = part.split(/[:=]/, 2).map((x) => x.trim());
    if ((k !== "product" && k !== "category" && k !== "service") || !v) {
      throw new Error(`--logsource takes product=…,category=…,service=…, got '${part}'`);
    }
    ls[k] = v.toLowerCase();
  }
  return ls;
}

/** Where an event was read: its file (or "-"), and its line (JSON) or EventRecordID (EVTX). */
interface Origin {
  source: string;
  line?: number;
  recordId?: number;
}

/** A JSON value as an event: an object is one; anything else is matched as `{ value }`. */
function asEvent(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : { value };
}

function ruleLine(m: RuleMatch, index: number, at: Origin): string {
  const r = m.rule;
  return JSON.stringify({
    rule_id: r.id,
    title: r.title,
    level: r.level,
    event_index: index,
    source: at.source,
    line: at.line,
    record_id: at.recordId,
    type: "rule",
    logsource: r.logsource,
    tags: r.tags,
    file: r.file,
    matched_fields: m.matched_fields ?? {},
  });
}

function correlationLine(c: CorrelationMatch, index: number | null): string {
  const r = c.correlation;
  return JSON.stringify({
    rule_id: r.id,
    title: r.title,
    level: r.level,
    event_index: index,
    type: "correlation",
    correlation: {
      type: r.type,
      group: c.group,
      value: c.value,
      time: new Date(c.time).toISOString(),
      rules: c.rules,
      event_indices: c.refs,
    },
    tags: r.tags,
    file: r.file,
  });
}

/**
 * The implementation of `firebreak detect`: returns the exit code. Writes matches to
 * `io.stdout`, problems and the summary to `io.stderr`.
 */
export async function runDetect(opts: DetectOptions, io: DetectIo): Promise<number> {
  const summary = {
    rules_loaded: 0,
    rules_failed: 0,
    events: 0,
    matches: 0,
    failures: [] as { file: string; reason: string }[],
  };
  const finish = (code: number, message?: string) => {
    if (message) io.stderr.write(`error: ${message}\n`);
    io.stderr.write(`${JSON.stringify(summary)}\n`);
    return code;
  };
  let placeholders: Record<string, string[]>;
  let logsource: Logsource | undefined;
  try {
    placeholders = parsePlaceholders(opts.placeholder);
    logsource = parseLogsource(opts.logsource);
  } catch (e) {
    return finish(EXIT_BAD_INPUT, (e as Error).message);
  }
  const threadCount = opts.threads ?? availableParallelism();
  if (typeof threadCount !== "number" || !Number.isInteger(threadCount) || threadCount < 1)
    return finish(
      EXIT_BAD_INPUT,
      `--threads needs a whole number of at least 1, got '${opts.threads}'`,
    );
  // Before anything is allocated: this process runs one stream through the pool.
  if (threadCount > 1) stopPretenuring();
  const rulePaths = opts.rules ?? [];
  if (rulePaths.length === 0) return finish(EXIT_BAD_INPUT, "--rules is required");
  const set = loadRules(rulePaths, { placeholders });
  summary.rules_loaded = set.rules.length + set.correlations.length;
  summary.rules_failed = set.failures.length;
  summary.failures = set.failures.map((f) => ({ file: f.file, reason: f.reason }));
  for (const w of set.warnings) io.stderr.write(`warning: ${w.file}: ${w.message}\n`);
  const unreadable = rulePaths.filter((p) => !existsSync(p));
  if (unreadable.length > 0) {
    return finish(EXIT_BAD_INPUT, `cannot read rules path ${unreadable.join(", ")}`);
  }
  if (set.rules.length === 0) return finish(EXIT_BAD_INPUT, "no usable rules");

  const eventPaths = [opts.events ?? []].flat();
  if (eventPaths.length === 0) return finish(EXIT_BAD_INPUT, "--events is required");
  if (eventPaths.includes("-") && !io.stdin) return finish(EXIT_BAD_INPUT, "no standard input");
  const missing = eventPaths.filter((p) => p !== "-" && !existsSync(p));
  if (missing.length > 0) return finish(EXIT_BAD_INPUT, `cannot read events ${missing.join(", ")}`);

  const engine = new SigmaEngine(set, {
    explain: true,
    strictLogsource: opts.strictLogsource ?? false,
    ...(logsource ? { logsource } : {}),
  });
  const withCorrelations = opts.correlations !== false && set.correlations.length > 0;
  const out: string[] = [];
  const flush = () => {
    if (out.length > 0) io.stdout.write(`${out.join("\n")}\n`);
    out.length = 0;
  };
  // An input that could not be read at all (no line to skip past) makes the run fail (exit 2)
  // after everything else was read; a malformed event only costs itself.
  const unreadInputs: string[] = [];
  const onProblem = (p: InputProblem) => {
    const where = p.line === undefined ? p.source : `${p.source}:${p.line}:${p.column ?? 1}`;
    io.stderr.write(`warning: ${where}: ${p.reason} (skipped)\n`);
    if (p.line === undefined) unreadInputs.push(`${p.source}: ${p.reason}`);
  };
  // NDJSON lines stay bytes here: the worker threads decode and parse them, so this thread, which
  // keeps the windows and writes the output, only finds where lines end (docs/detection.md).
  const inputs = readEventInputs(eventPaths, {
    ...(io.stdin ? { stdin: io.stdin } : {}),
    lines: true,
    onProblem,
    onWarning: (w) =>
      io.stderr.write(`warning: ${w.source}: chunk ${w.chunk} at ${w.offset}: ${w.message}\n`),
  });
  // Matching runs on worker threads once the input proves big enough to repay starting them;
  // the correlation windows and the output stay here, in input order (docs/detection.md).
  const threads = new LazyPool(
    threadCount,
    {
      paths: rulePaths,
      load: { placeholders },
      engine: {
        explain: true,
        strictLogsource: opts.strictLogsource ?? false,
        ...(logsource ? { logsource } : {}),
      },
    },
    engine,
    (message) => io.stderr.write(`warning: ${message}; matching on one thread\n`),
  );
  const counted = (async function* () {
    for await (const item of inputs) {
      await threads.seen(item.lines?.count ?? 1);
      yield item;
    }
  })();
  const mode = withCorrelations ? "normalized" : "standalone";
  try {
    const results = matchInOrder(counted, {
      engine,
      pool: () => threads.pool,
      event: (item) => asEvent(item.event),
      lines: (item) => item.lines,
      mode,
    });
    const emit = (result: PooledResult, at: Origin) => {
      const index = summary.events++;
      for (const m of result.matches) out.push(ruleLine(m, index, at));
      summary.matches += result.matches.length;
      // No time, no place in a correlation window: never a made-up one (no input then).
      if (withCorrelations && result.correlation) {
        for (const c of engine.correlate({ ...result.correlation, ref: index })) {
          out.push(correlationLine(c, index));
          summary.matches++;
        }
      }
      if (out.length >= 256) flush();
    };
    for await (const batch of results) {
      for (const result of batch) {
        const { item, at } = result;
        const line = item.line === undefined ? undefined : item.line + at;
        if (!result.unreadable) {
          emit(result, at === 0 ? item : { source: item.source, line });
          continue;
        }
        // A line that is not one JSON object: read as the scanner reads it, which says where it
        // is broken, or finds the values it holds (`{"a":1} {"b":2}`), matched here in order.
        for (const part of parseEventsText(result.text ?? "")) {
          const where = { source: item.source, line: (line ?? 1) + part.line - 1 };
          if (part.kind === "error")
            onProblem({ ...where, column: part.column, reason: part.message });
          else emit(matchHere(engine, asEvent(part.value), mode), where);
        }
      }
    }
    if (withCorrelations) {
      for (const c of engine.flush()) {
        out.push(correlationLine(c, null));
        summary.matches++;
      }
    }
  } catch (e) {
    flush();
    return finish(EXIT_BAD_INPUT, `cannot read events: ${(e as Error).message}`);
  } finally {
    await threads.close();
  }
  flush();
  if (unreadInputs.length > 0)
    return finish(EXIT_BAD_INPUT, `cannot read events: ${unreadInputs.join("; ")}`);
  return finish(EXIT_OK);
}

/** The `detect` command for the `firebreak` program. */
export function detectCommand(): Command {
  return new Command("detect")
    .description("evaluate Sigma rules against events offline; one NDJSON line per match")
    .requiredOption(
      "--rules <path>",
      "rule file or folder (recursive .yml/.yaml); repeatable",
      (v: string, prev: string[] = []) => [...prev, v],
    )
    .requiredOption(
      "--events <path>",
      "events file or folder (JSON array, NDJSON, concatenated JSON, .evtx; gzip of any); '-' for stdin; repeatable",
      (v: string, prev: string[] = []) => [...prev, v],
    )
    .addOption(
      new Option(
        "--placeholder <name=value>",
        "value of a %name% placeholder (expand modifier); repeatable",
      ).argParser((v: string, prev: string[] = []) => [...prev, v]),
    )
    .option(
      "--logsource <spec>",
      "treat every event as this logsource, e.g. product=windows,category=process_creation",
    )
    .option(
      "--strict-logsource",
      "an event whose logsource is unknown matches no logsource-specific rule",
    )
    .option("--no-correlations", "skip correlation rules (faster)")
    .option(
      "--threads <n>",
      "threads matching events (default: the machine's cores; 1: no worker threads)",
      (v: string) => (/^\s*\d+\s*$/.test(v) ? Number(v) : v),
    )
    .action(async (opts: DetectOptions) => {
      process.exitCode = await runDetect(opts, {
        stdout: process.stdout,
        stderr: process.stderr,
        stdin: process.stdin,
      });
    });
}
