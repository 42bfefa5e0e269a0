import { DomainError, invalidInput } from "../domain/errors.js";
import type { BatchValue } from "./batch-reader.js";
import { isEvtx, readEvtx } from "./events/evtx/index.js";

/**
 * Reads an EVTX file's records as a batch (`POST /api/v1/events` with an
 * `application/octet-stream` body). A damaged file gives what could be read, with a warning per
 * chunk or record read past; one where reading stopped early says where. Refuses bytes that are
 * not EVTX at all, and a file of which no record could be read.
 */
export async function readEvtxBatch(
  bytes: Uint8Array,
): Promise<{ values: BatchValue[]; problems: []; warnings: string[] }> {
  if (!isEvtx(bytes))
    throw new DomainError(
      "unsupported_media_type",
      "an application/octet-stream body must be an EVTX file (it does not start with ElfFile); send JSON events as application/json",
    );
  const values: BatchValue[] = [];
  const warnings: string[] = [];
  const warn = (w: { chunk: number; offset: number; message: string }) =>
    warnings.push(
      `${w.chunk < 0 ? "file header" : `chunk ${w.chunk}`}, offset ${w.offset}: ${w.message}`,
    );
  try {
    for await (const r of readEvtx(once(bytes), { onWarning: warn }))
      values.push({ value: r.event, index: values.length });
  } catch (e) {
    warnings.push(`reading stopped after ${values.length} record(s): ${(e as Error).message}`);
  }
  if (values.length === 0 && warnings.length > 0)
    throw invalidInput(`no record of the EVTX file could be read: ${warnings.join("; ")}`);
  return { values, problems: [], warnings };
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}
