import { ApiError } from "../client/client.js";
import { ConfigError } from "../config.js";
import { DomainError, formatDetail } from "../domain/errors.js";
import { exitCodeFor } from "./api.js";
import { EXIT } from "./exit.js";

export { EXIT };

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printLine(text = ""): void {
  process.stdout.write(`${text}\n`);
}

/**
 * Prints a list answer: the whole of it as JSON with `--json`, else one line per item,
 * or `empty` when there is none.
 */
export function printList<T>(
  flags: { json?: boolean },
  list: { items: readonly T[] },
  line: (item: T) => string,
  empty: string,
): void {
  if (flags.json) printJson(list);
  else if (list.items.length === 0) printLine(empty);
  else for (const item of list.items) printLine(line(item));
}

/** Prints one result: as JSON with `--json`, else as the line(s) `text` makes of it. */
export function printResult<T>(
  flags: { json?: boolean },
  value: T,
  text: (value: T) => string | readonly string[],
): void {
  if (flags.json) printJson(value);
  else {
    const lines = text(value);
    for (const l of typeof lines === "string" ? [lines] : lines) printLine(l);
  }
}

/** Reports an error on stderr and returns the exit code it deserves. */
export function reportError(error: unknown): number {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    return EXIT.usage;
  }
  if (error instanceof ApiError) {
    process.stderr.write(`error: ${error.message}\n`);
    for (const d of error.problem.errors ?? []) process.stderr.write(`  ${formatDetail(d)}\n`);
    const blocking = error.problem.blocking_tasks as { title: string; phase: string }[] | undefined;
    for (const t of blocking ?? []) process.stderr.write(`  blocking: [${t.phase}] ${t.title}\n`);
    return exitCodeFor(error);
  }
  if (error instanceof DomainError) {
    process.stderr.write(`error: ${error.message}\n`);
    for (const d of error.details) process.stderr.write(`  ${formatDetail(d)}\n`);
    const badInput = [
      "invalid_input",
      "invalid_document",
      "not_found",
      "payload_too_large",
      "unsupported_media_type",
    ];
    return badInput.includes(error.code) ? EXIT.usage : EXIT.failed;
  }
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  return EXIT.failed;
}

/** Wraps a command action: errors are reported, and the exit code is set either way. */
export function action<A extends unknown[]>(
  run: (...args: A) => Promise<number | undefined>,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      process.exitCode = (await run(...args)) ?? EXIT.ok;
    } catch (error) {
      process.exitCode = reportError(error);
    }
  };
}

/** Collects a repeatable option (`--rules a --rules b`). */
export const collect = (value: string, previous: string[] = []) => [...previous, value];
