import { readFile } from "node:fs/promises";
import { exchange } from "../../contract/exports.js";
import { invalidInput } from "../../domain/errors.js";
import { type ApiFlags, withApi } from "../api.js";
import { EXIT, printJson, printLine } from "../io.js";

/** The JSON document of a file, or `file:line:column message` where it stops being JSON. */
async function readJsonFile(file: string): Promise<Record<string, unknown>> {
  const text = await readFile(file, "utf8").catch((e: NodeJS.ErrnoException) => {
    throw invalidInput(`${file}: ${e.code === "ENOENT" ? "no such file" : e.message}`);
  });
  try {
    return JSON.parse(text);
  } catch (e) {
    // V8 says where: "… in JSON at position 14".
    const at = Number(/position (\d+)/.exec((e as Error).message)?.[1] ?? 0);
    const before = text.slice(0, at).split("\n");
    const message = (e as Error).message.replace(/ in JSON at position \d+.*$/, "");
    throw invalidInput(`${file} is not JSON`, [
      { file, line: before.length, column: (before.at(-1)?.length ?? 0) + 1, message },
    ]);
  }
}

/**
 * `firebreak incident indicator INC --from-misp FILE`: a MISP event's attributes as indicators
 * with their tags. Exit 1 when it had attributes and none could be taken.
 */
export async function importMispFile(
  ref: string,
  file: string,
  flags: ApiFlags & { json?: boolean },
): Promise<number> {
  const event = await readJsonFile(file);
  const result = await withApi(flags, (api) =>
    api.call(exchange.importMisp, { params: { id: ref }, body: event }),
  );
  const fresh = result.imported.filter((i) => i.created).length;
  if (flags.json) printJson(result);
  else {
    printLine(
      `${result.event.info ?? "MISP event"}: ${fresh} indicators added, ${result.imported.length - fresh} already on ${ref}, ${result.skipped.length} attributes skipped`,
    );
    for (const s of result.skipped)
      process.stderr.write(`skipped ${s.attribute} (${s.type} ${s.value}): ${s.reason}\n`);
  }
  return result.imported.length === 0 && result.skipped.length > 0 ? EXIT.failed : EXIT.ok;
}
