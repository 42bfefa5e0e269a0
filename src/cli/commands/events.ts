/**
 * `firebreak events dump FILE|DIR… [-]`: every event of any supported input (JSON array, NDJSON,
 * concatenated JSON, `.evtx`, gzip of any; a folder is every file under it) as NDJSON on stdout,
 * one event per line; EVTX records in evtx_dump's JSON shape, so that the output reads back
 * through `detect` and `ingest` exactly like the original. stderr: each problem and warning, then
 * a summary line. Exit 2 when no event could be read because of problems.
 */
import { stat } from "node:fs/promises";
import { SingleBar } from "cli-progress";
import { Command } from "commander";
import { filesUnder, readEventInputs } from "../../detection/events/input.js";
import { action, EXIT } from "../io.js";

/** Where the dump reads and writes (the process's streams, or a test's). */
export interface DumpIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin?: AsyncIterable<Uint8Array>;
}

/** Output is written in pieces of about this many characters. */
const FLUSH_AT = 1 << 16;
/** Inputs smaller than this finish before a progress bar would help. */
const PROGRESS_MIN_BYTES = 64 << 20;

export async function runEventsDump(paths: string[], io: DumpIo): Promise<number> {
  let events = 0;
  let problems = 0;
  let warnings = 0;
  const bar = io.stderr.isTTY ? await progressBar(paths, io.stderr) : undefined;
  let source = "";
  const sources = new Set<string>();
  let pending = "";
  // A reader that stops early (`| head`) closes the pipe: stop reading, quietly.
  let closed = false;
  let failure: Error | undefined;
  const onError = (e: NodeJS.ErrnoException) => {
    closed = true;
    if (e.code !== "EPIPE") failure = e;
  };
  io.stdout.on("error", onError);
  const flush = async () => {
    if (pending === "" || closed) return;
    const text = pending;
    pending = "";
    if (!io.stdout.write(text)) {
      await new Promise((resolve) => {
        io.stdout.once("drain", resolve);
        io.stdout.once("error", resolve);
      });
    }
  };
  try {
    for await (const item of readEventInputs(paths, {
      ...(io.stdin ? { stdin: io.stdin } : {}),
      onProblem: (p) => {
        problems++;
        const where = p.line === undefined ? p.source : `${p.source}:${p.line}:${p.column ?? 1}`;
        io.stderr.write(`${where}: ${p.reason}\n`);
      },
      onWarning: (w) => {
        warnings++;
        const where = w.chunk < 0 ? "file header" : `chunk ${w.chunk}`;
        io.stderr.write(`${w.source}: ${where}: ${w.message} (offset ${w.offset})\n`);
      },
    })) {
      events++;
      pending += `${JSON.stringify(item.event)}\n`;
      if (pending.length >= FLUSH_AT) await flush();
      if (closed) break;
      if (item.source !== source) {
        source = item.source;
        sources.add(source);
        bar?.increment(1, { events });
      }
    }
    await flush();
  } finally {
    io.stdout.off("error", onError);
    bar?.update(bar.getTotal(), { events });
    bar?.stop();
  }
  if (failure) throw failure;
  io.stderr.write(
    `${events} event(s) from ${sources.size} input(s); ${warnings} warning(s), ${problems} problem(s)\n`,
  );
  return events === 0 && problems > 0 ? EXIT.usage : EXIT.ok;
}

/** A bar over the input files, for inputs big enough to take a while. */
async function progressBar(paths: string[], stream: NodeJS.WritableStream) {
  let files = 0;
  let bytes = 0;
  for (const p of paths) {
    if (p === "-") continue;
    for (const f of await filesUnder(p).catch(() => [])) {
      files++;
      bytes += (await stat(f)).size;
    }
  }
  if (bytes < PROGRESS_MIN_BYTES) return undefined;
  const bar = new SingleBar({
    stream,
    format: "events dump [{bar}] {value}/{total} file(s) | {events} events",
    hideCursor: true,
  });
  bar.start(files, 0, { events: 0 });
  return bar;
}

export function eventsCommand(): Command {
  const events = new Command("events").description("read event files offline");
  events
    .command("dump")
    .description(
      "print every event of the inputs (JSON, NDJSON, .evtx, gzip of any; folders) as NDJSON",
    )
    .argument("<paths...>", "files or folders ('-' for standard input)")
    .action(
      action(async (paths: string[]) =>
        runEventsDump(paths, {
          stdout: process.stdout,
          stderr: process.stderr,
          stdin: process.stdin,
        }),
      ),
    );
  return events;
}
