import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { rm, stat } from "node:fs/promises";
import { basename } from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { SingleBar } from "cli-progress";
import { EVIDENCE_FILE_TYPE, type EvidenceView, evidence } from "../../contract/evidence.js";
import { DomainError } from "../../domain/errors.js";
import { type ApiFlags, withApi } from "../api.js";
import { action, EXIT, printResult } from "../io.js";
import { callStreaming } from "../stream-transport.js";
import { sub } from "./incident-args.js";

type Flags = ApiFlags & { json?: boolean };

/**
 * Counts the bytes that pass and, on a terminal, shows them against `total`; hashes them too,
 * so a download is checked as it is written.
 */
function metered(label: string, total: number) {
  const hash = createHash("sha256");
  const bar = process.stderr.isTTY
    ? new SingleBar({
        stream: process.stderr,
        format: `${label} [{bar}] {percentage}% | {value}/{total} bytes`,
        hideCursor: true,
      })
    : undefined;
  bar?.start(total, 0);
  let done = 0;
  const through = new Transform({
    transform(chunk: Buffer, _enc, next) {
      hash.update(chunk);
      done += chunk.length;
      bar?.update(done);
      next(null, chunk);
    },
  });
  return { through, digest: () => hash.digest("hex"), stop: () => bar?.stop() };
}

export interface UploadOptions {
  /** The evidence id of an item recorded earlier with this file's SHA-256; else a new item. */
  to?: string;
  name?: string;
  description?: string;
  acquiredBy?: string;
  acquiredAt?: string;
}

/**
 * `firebreak incident evidence INC --file PATH`: streams the file into the evidence store, as
 * a new item (its hash and size computed by the server) or as the file of an item recorded
 * earlier (`--to ID`, which must be that very file).
 */
export async function uploadEvidence(
  flags: Flags,
  ref: string,
  path: string,
  options: UploadOptions,
): Promise<number> {
  const size = (await stat(path)).size;
  const meter = metered("upload", size);
  const body = {
    stream: createReadStream(path).pipe(meter.through),
    contentType: EVIDENCE_FILE_TYPE,
    length: size,
  };
  const answer = await withApi(flags, async (api) => {
    try {
      const res = options.to
        ? await callStreaming(api.streams, evidence.uploadFile, {
            params: { id: ref, evidenceId: options.to },
            body,
          })
        : await callStreaming(api.streams, evidence.addFile, {
            params: { id: ref },
            query: {
              name: options.name ?? basename(path),
              description: options.description,
              acquired_by: options.acquiredBy,
              acquired_at: options.acquiredAt,
            },
            body,
          });
      return (await res.body.toArray()).join("");
    } finally {
      meter.stop();
    }
  });
  const stored = JSON.parse(answer) as EvidenceView;
  printResult(
    flags,
    stored,
    (e) => `stored ${e.name} (${e.size} bytes, sha256:${e.sha256}) — id ${e.id}`,
  );
  return EXIT.ok;
}

/**
 * `firebreak incident evidence-download INC ID --reason WHY --out FILE`: the stored file, its
 * SHA-256 checked against the record as it is written; a file that does not match is removed.
 */
export function evidenceDownloadCommand() {
  return sub(
    "evidence-download",
    "download an evidence item's stored file (the download is recorded in its chain of custody)",
  )
    .argument("<incident>")
    .argument("<evidence-id>")
    .requiredOption("--reason <why>", "why you take a copy (recorded with who and when)")
    .requiredOption("--out <file>", "where to write it (an existing file is not overwritten)")
    .action(
      action(
        async (ref: string, evidenceId: string, flags: Flags & { reason: string; out: string }) => {
          const { item, written } = await withApi(flags, async (api) => {
            const item = await api.call(evidence.get, { params: { id: ref, evidenceId } });
            const res = await callStreaming(api.streams, evidence.download, {
              params: { id: ref, evidenceId },
              query: { reason: flags.reason },
            });
            const meter = metered("download", Number(res.headers["content-length"] ?? item.size));
            try {
              await pipeline(
                res.body,
                meter.through,
                createWriteStream(flags.out, { flags: "wx" }),
              );
            } catch (e) {
              // A download cut short (the server found the file changed while sending) leaves
              // no partial copy; a file that was there before is left alone.
              if ((e as NodeJS.ErrnoException).code !== "EEXIST")
                await rm(flags.out, { force: true });
              throw e;
            } finally {
              meter.stop();
            }
            return { item, written: meter.digest() };
          });
          if (written !== item.sha256) {
            await rm(flags.out, { force: true });
            throw new DomainError(
              "integrity_failed",
              `the bytes received hash to ${written}, not the recorded ${item.sha256}; ${flags.out} was removed`,
            );
          }
          printResult(
            flags,
            {
              evidence_id: item.id,
              name: item.name,
              sha256: written,
              size: item.size,
              out: flags.out,
            },
            (d) => `${d.out}: ${d.name}, ${d.size} bytes, SHA-256 verified (${d.sha256})`,
          );
          return EXIT.ok;
        },
      ),
    );
}
