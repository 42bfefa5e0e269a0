import { statSync } from "node:fs";
import { SingleBar } from "cli-progress";
import { Command, Option } from "commander";
import { ApiError } from "../../client/client.js";
import { events as eventEndpoints, type IngestResultView } from "../../contract/events.js";
import { readEventInputs } from "../../detection/events/input.js";
import { invalidInput } from "../../domain/errors.js";
import { checkJsonLimits, MAX_EVENT_VALUES, MAX_JSON_DEPTH } from "../../domain/json-limits.js";
import { type Api, type ApiFlags, exitCodeFor, withApi, withApiOptions } from "../api.js";
import { action, EXIT, printJson, printLine } from "../io.js";

type Flags = ApiFlags & { json?: boolean; batchSize: string; batchBytes: string; source?: string };

interface Problem {
  /** The file, when it is not the one input given (a file of a folder, or of several inputs). */
  file?: string;
  /** Its line (JSON), when it has one. */
  line?: number;
  column?: number;
  /** Its EventRecordID (EVTX). */
  record_id?: number;
  reason: string;
}

/** Where an event came from, to name it in a problem the server reports. */
type Origin = Omit<Problem, "reason" | "column">;

/** What `firebreak ingest` prints at the end (`--json`: exactly this). */
export interface IngestSummary {
  /** The inputs given, comma-separated. */
  input: string;
  events: number;
  accepted: number;
  rejected: number;
  batches: number;
  alerts: number;
  incidents: IngestResultView["incidents"];
  /** The first 100 problems, by line of the input. */
  errors: Problem[];
  seconds: number;
  /** Set when a batch could not be delivered; events after it were not sent. */
  failed?: string;
}

const MAX_ERRORS = 100;
const isObject = (v: unknown) => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Streams files of any size, folders and stdin, in any input format (JSON, EVTX, gzip of
 * either: `readEventInputs`), to the events API in batches: events are read one by one, so
 * memory holds one batch; malformed parts are reported with their file and line and skipped.
 * A batch the server finds too large is split in two and sent again.
 */
async function ingest(api: Api, inputs: string[], flags: Flags, summary: IngestSummary) {
  const maxEvents = Number(flags.batchSize);
  const maxBytes = Number(flags.batchBytes);
  if (!Number.isInteger(maxEvents) || maxEvents < 1)
    throw invalidInput("--batch-size must be a positive whole number");
  if (!Number.isInteger(maxBytes) || maxBytes < 1024)
    throw invalidInput("--batch-bytes must be at least 1024");
  // Folders and gzip hide the total; the bar counts events and names the file being read.
  const bar = process.stderr.isTTY
    ? new SingleBar({
        stream: process.stderr,
        format: "ingest {events} events | {alerts} alerts | {file}",
        hideCursor: true,
      })
    : undefined;
  bar?.start(0, 0, { events: 0, alerts: 0, file: inputs[0] });
  const single = inputs.length === 1 ? inputs[0] : undefined;
  const origin = (source: string, line?: number, recordId?: number): Origin => ({
    ...(source !== single ? { file: source } : {}),
    ...(line !== undefined ? { line } : {}),
    ...(recordId !== undefined ? { record_id: recordId } : {}),
  });
  const problem = (p: Problem) => {
    summary.rejected++;
    if (summary.errors.length < MAX_ERRORS) summary.errors.push(p);
  };
  const send = async (events: unknown[], lines: Origin[]): Promise<void> => {
    let result: IngestResultView;
    try {
      result = await api.call(
        eventEndpoints.ingest,
        { query: { source: flags.source } },
        // The events API reads its body itself (arrays, NDJSON): it declares no JSON schema.
        { raw: { body: JSON.stringify(events), contentType: "application/json" } },
      );
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 413)) throw e;
      if (events.length === 1)
        return problem({ ...lines[0], reason: "event larger than the server takes" });
      const half = Math.ceil(events.length / 2);
      await send(events.slice(0, half), lines.slice(0, half));
      return send(events.slice(half), lines.slice(half));
    }
    summary.batches++;
    summary.accepted += result.accepted;
    summary.alerts += result.alerts;
    summary.incidents.push(...result.incidents);
    for (const err of result.rejected) problem({ ...lines[err.index ?? 0], reason: err.reason });
    // Past the first 100 reasons the server only counts; so does the summary.
    summary.rejected += result.rejected_count - result.rejected.length;
  };

  let batch: unknown[] = [];
  let lines: Origin[] = [];
  let bytes = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await send(batch, lines);
    batch = [];
    lines = [];
    bytes = 0;
    bar?.update(0, { events: summary.accepted, alerts: summary.alerts });
  };
  const items = readEventInputs(inputs, {
    stdin: process.stdin,
    onProblem: (p) => {
      // A malformed part of a file counts as one of its events; an unreadable file does not.
      if (p.line !== undefined) summary.events++;
      problem({
        ...origin(p.source, p.line),
        ...(p.column !== undefined ? { column: p.column } : {}),
        reason: p.reason,
      });
    },
    onWarning: (w) =>
      process.stderr.write(
        `warning: ${w.source}: chunk ${w.chunk}, offset ${w.offset}: ${w.message}\n`,
      ),
  });
  try {
    for await (const item of items) {
      summary.events++;
      const at = origin(item.source, item.line, item.recordId);
      if (!isObject(item.event)) {
        problem({ ...at, reason: "an event must be a JSON object" });
        continue;
      }
      // The server's own limits, checked here first: such an event cannot even be serialised.
      const tooMuch = checkJsonLimits(item.event, MAX_JSON_DEPTH, MAX_EVENT_VALUES);
      if (tooMuch) {
        problem({ ...at, reason: `event ${tooMuch.reason}` });
        continue;
      }
      const length = Buffer.byteLength(JSON.stringify(item.event));
      if (bytes + length > maxBytes) await flush();
      bar?.update(0, { file: item.source });
      batch.push(item.event);
      lines.push(at);
      bytes += length + 1;
      if (batch.length >= maxEvents) await flush();
    }
    await flush();
  } finally {
    bar?.update(0, { events: summary.accepted, alerts: summary.alerts });
    bar?.stop();
  }
}

function printSummary(s: IngestSummary): void {
  const rate = s.seconds > 0 ? Math.round(s.accepted / s.seconds) : s.accepted;
  printLine(
    `${s.accepted} of ${s.events} event(s) stored in ${s.batches} batch(es), ${s.rejected} rejected · ${s.alerts} alert(s) raised or updated · ${s.seconds.toFixed(1)} s (${rate} events/s)`,
  );
  for (const i of s.incidents)
    printLine(
      i.action === "failed"
        ? `  policy ${i.policy}/${i.rule ?? "attach"} could not declare: ${i.reason}`
        : `  ${i.action} ${i.human_id} (policy ${i.policy}${i.rule ? `/${i.rule}` : ""}, ${i.alert_ids.length} alert(s))`,
    );
  for (const e of s.errors.slice(0, 20)) {
    const at = e.line !== undefined ? `line ${e.line}${e.column ? `:${e.column}` : ""}` : "";
    const record = e.record_id !== undefined ? `record ${e.record_id}` : "";
    const where = [e.file, at, record].filter(Boolean).join(" ") || "input";
    process.stderr.write(`  ${where}: ${e.reason}\n`);
  }
  if (s.rejected > 20)
    process.stderr.write(`  … ${s.rejected - 20} more (--json lists up to ${MAX_ERRORS})\n`);
}

/** `firebreak ingest FILE|DIR|-…`: stream events to the events API in batches. */
export function ingestCommand(): Command {
  return withApiOptions(
    new Command("ingest")
      .description(
        "send events (JSON array, NDJSON, concatenated JSON or .evtx, gzip of any, any size) to Firebreak",
      )
      .argument("<inputs...>", "events files or folders (every file under it), or - for stdin"),
  )
    .addOption(new Option("--batch-size <n>", "events per request").default("5000"))
    .addOption(
      new Option("--batch-bytes <n>", "bytes per request at most").default(String(4 * 1024 * 1024)),
    )
    .option("--source <label>", "label stored with each event (e.g. the host or tool)")
    .option("--json", "print the summary as one JSON document")
    .action(
      action(async (inputs: string[], flags: Flags) => {
        const started = performance.now();
        const summary: IngestSummary = {
          input: inputs.join(", "),
          events: 0,
          accepted: 0,
          rejected: 0,
          batches: 0,
          alerts: 0,
          incidents: [],
          errors: [],
          seconds: 0,
        };
        for (const input of inputs.filter((i) => i !== "-")) {
          try {
            statSync(input);
          } catch (e) {
            throw invalidInput(
              `cannot read ${input}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
            );
          }
        }
        let code: number = EXIT.ok;
        await withApi(flags, async (api) => {
          try {
            await ingest(api, inputs, flags, summary);
          } catch (e) {
            // Say what was stored before the failure; the error itself is reported below.
            summary.failed = (e as Error).message;
            code = e instanceof ApiError ? exitCodeFor(e) : EXIT.failed;
          }
        });
        summary.seconds = (performance.now() - started) / 1000;
        if (flags.json) printJson(summary);
        else printSummary(summary);
        if (summary.failed) {
          process.stderr.write(`error: ${summary.failed}\n`);
          return code;
        }
        return summary.rejected > 0 ? EXIT.usage : EXIT.ok;
      }),
    );
}
