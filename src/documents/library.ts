import { readdir, readFile, stat } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { ErrorDetail } from "../domain/errors.js";
import { type LoadedDocument, parseDocuments } from "./yaml-loader.js";

/** The built-in library shipped with Firebreak (`library/` at the package root). */
export const BUILTIN_LIBRARY_DIR = resolve(
  dirname(fileURLToPath(import.meta.url)),
  "../../library",
);

/** Folders of the library that hold other things than plan documents (Sigma rules, exercises). */
const NOT_DOCUMENTS = new Set(["rules"]);

export interface LibraryLoad {
  documents: LoadedDocument[];
  errors: ErrorDetail[];
  files: string[];
}

/**
 * Reads every `.yml`/`.yaml` file under the given files and folders (recursively, in a stable
 * order) and parses the Firebreak documents in them. File names in results are relative to the
 * working directory, as people type them.
 */
export async function loadLibrary(paths: readonly string[]): Promise<LibraryLoad> {
  const files: string[] = [];
  const errors: ErrorDetail[] = [];
  for (const p of paths) {
    try {
      await collect(resolve(p), files, true);
    } catch (e) {
      errors.push({
        file: p,
        message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      });
    }
  }
  const documents: LoadedDocument[] = [];
  for (const file of files) {
    const shown = relative(process.cwd(), file) || file;
    const parsed = parseDocuments(await readFile(file, "utf8"), shown);
    documents.push(...parsed.documents);
    errors.push(...parsed.errors);
  }
  return { documents, errors, files };
}

async function collect(path: string, into: string[], explicit: boolean): Promise<void> {
  const info = await stat(path);
  if (info.isDirectory()) {
    const entries = (await readdir(path)).sort();
    for (const name of entries) {
      if (name.startsWith(".") || NOT_DOCUMENTS.has(name)) continue;
      await collect(join(path, name), into, false);
    }
  } else if (explicit || /\.ya?ml$/i.test(path)) {
    into.push(path);
  }
}
