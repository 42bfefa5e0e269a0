import { createReadStream, statSync } from "node:fs";
import { SingleBar } from "cli-progress";
import { Command, Option } from "commander";
import { ApiError } from "../../client/client.js";
import { events as eventEndpoints, type IngestResultView } from "../../contract/events.js";
import { readEvents } from "../../detection/events/index.js";
import { invalidInput } from "../../domain/errors.js";
import { checkJsonLimits, MAX_EVENT_VALUES, MAX_JSON_DEPTH } from "../../domain/json-limits.js";
import { type Api, type ApiFlags, exitCodeFor, withApi, withApiOptions } from "../api.js";
import { action, EXIT, printJson, printLine } from "../io.js";

type Flags = ApiFlags & { json?: boolean; batchSize: string; batchBytes: string; source?: string };

interface Problem {
  line: number;
  column?: number;
  reason: string;
}

/** What `firebreak ingest` prints at the end (`--json`: exactly this). */
export interface IngestSummary {
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
 * Streams a file of any size (or stdin) to the events API in batches: events are read one by
 * one, so memory holds one batch; malformed parts are reported with their line and skipped.
 * A batch the server finds too large is split in two and sent again.
 */
async function ingest(api: Api, input: string, flags: Flags, summary: IngestSummary) {
  const maxEvents = Number(flags.batchSize);
  const maxBytes = Number(flags.batchBytes);
  if (!Number.isInteger(maxEvents) || maxEvents < 1)
    throw invalidInput("--batch-size must be a positive whole number");
  if (!Number.isInteger(maxBytes) || maxBytes < 1024)
    throw invalidInput("--batch-bytes must be at least 1024");
  const size = input === "-" ? undefined : statSync(input).size;
  const stream = input === "-" ? process.stdin : createReadStream(input);
  const bar = process.stderr.isTTY
    ? new SingleBar({
        stream: process.stderr,
        format: size
          ? "ingest [{bar}] {percentage}% | {events} events | {alerts} alerts | ETA {eta_formatted}"
          : "ingest {events} events | {alerts} alerts",
        hideCursor: true,
      })
    : undefined;
  bar?.start(size ?? 0, 0, { events: 0, alerts: 0 });
  let read = 0;
  async function* counted() {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      read += chunk.length;
      yield chunk;
    }
  }
  const problem = (p: Problem) => {
    summary.rejected++;
    if (summary.errors.length < MAX_ERRORS) summary.errors.push(p);
  };
  const send = async (events: unknown[], lines: number[]): Promise<void> => {
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
        return problem({ line: lines[0] ?? 0, reason: "event larger than the server takes" });
      const half = Math.ceil(events.length / 2);
      await send(events.slice(0, half), lines.slice(0, half));
      return send(events.slice(half), lines.slice(half));
    }
    summary.batches++;
    summary.accepted += result.accepted;
    summary.alerts += result.alerts;
    summary.incidents.push(...result.incidents);
    for (const err of result.rejected)
      problem({ line: lines[err.index ?? 0] ?? 0, reason: err.reason });
    // Past the first 100 reasons the server only counts; so does the summary.
    summary.rejected += result.rejected_count - result.rejected.length;
  };

  let batch: unknown[] = [];
  let lines: number[] = [];
  let bytes = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await send(batch, lines);
    batch = [];
    lines = [];
    bytes = 0;
    bar?.update(read, { events: summary.accepted, alerts: summary.alerts });
  };
  try {
    for await (const item of readEvents(counted())) {
      summary.events++;
      if (item.kind === "error") {
        problem({ line: item.line, column: item.column, reason: item.message });
        continue;
      }
      if (!isObject(item.value)) {
        problem({ line: item.line, reason: "an event must be a JSON object" });
        continue;
      }
      // The server's own limits, checked here first: such an event cannot even be serialised.
      const tooMuch = checkJsonLimits(item.value, MAX_JSON_DEPTH, MAX_EVENT_VALUES);
      if (tooMuch) {
        problem({ line: item.line, reason: `event ${tooMuch.reason}` });
        continue;
      }
      const length = Buffer.byteLength(JSON.stringify(item.value));
      if (bytes + length > maxBytes) await flush();
      batch.push(item.value);
      lines.push(item.line);
      bytes += length + 1;
      if (batch.length >= maxEvents) await flush();
    }
    await flush();
  } finally {
    bar?.update(size ?? read, { events: summary.accepted, alerts: summary.alerts });
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
  for (const e of s.errors.slice(0, 20))
    process.stderr.write(`  line ${e.line}${e.column ? `:${e.column}` : ""}: ${e.reason}\n`);
  if (s.rejected > 20)
    process.stderr.write(`  … ${s.rejected - 20} more (--json lists up to ${MAX_ERRORS})\n`);
}

/** `firebreak ingest FILE|-`: stream events to the events API in batches. */
export function ingestCommand(): Command {
  return withApiOptions(
    new Command("ingest")
      .description("send events (JSON array, NDJSON or concatenated JSON, any size) to Firebreak")
      .argument("<file>", "events file, or - for stdin"),
  )
    .addOption(new Option("--batch-size <n>", "events per request").default("5000"))
    .addOption(
      new Option("--batch-bytes <n>", "bytes per request at most").default(String(4 * 1024 * 1024)),
    )
    .option("--source <label>", "label stored with each event (e.g. the host or tool)")
    .option("--json", "print the summary as one JSON document")
    .action(
      action(async (input: string, flags: Flags) => {
        const started = performance.now();
        const summary: IngestSummary = {
          input,
          events: 0,
          accepted: 0,
          rejected: 0,
          batches: 0,
          alerts: 0,
          incidents: [],
          errors: [],
          seconds: 0,
        };
        if (input !== "-") {
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
            await ingest(api, input, flags, summary);
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
