import type { Actor } from "../domain/actor.js";
import type { Clock } from "../domain/clock.js";
import { DomainError, type ErrorDetail, notFound } from "../domain/errors.js";
import type { DocumentStore, StoredDocument } from "./document.types.js";
import type { DocumentKind } from "./kinds.js";
import type { LibraryLoad } from "./library.js";
import { type LintFinding, type LintReport, lintDocuments } from "./lint.js";
import { type LoadedDocument, parseDocuments } from "./yaml-loader.js";

/** Uploads above this size are refused before parsing (a plan is tens of kilobytes). */
export const MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;

export interface ImportResult {
  /** Versions stored by this call (documents whose content did not change are not repeated). */
  stored: StoredDocument[];
  unchanged: { kind: DocumentKind; id: string }[];
  warnings: LintFinding[];
}

const asDetail = (f: LintFinding): ErrorDetail => ({
  file: f.file,
  line: f.line,
  column: f.column,
  path: f.path,
  message: f.message,
});

/** Re-reads stored versions so that lint can point into them (`plan/default@v3:12:5`). */
export function rehydrate(stored: readonly StoredDocument[]): LoadedDocument[] {
  return stored.flatMap(
    (s) => parseDocuments(s.source, `${s.kind}/${s.id}@v${s.version}`).documents,
  );
}

/** Lints what is in force now: the newest version of every stored document. */
export async function lintCurrent(store: DocumentStore, clock: Clock): Promise<LintReport> {
  return lintDocuments(rehydrate(await store.current()), clock.now());
}

/**
 * Stores a set of documents as new versions, all or none. The set is linted together with what
 * is already in force (new versions replace current ones of the same kind and id); any error
 * rejects the whole set. `mode: "sync"` (the library folder read at start) skips documents whose
 * content was ever stored, so a restart does not undo an upload; `"explicit"` (an upload) makes a
 * new version whenever the content differs from the current one — including a revert.
 */
export async function importDocuments(
  store: DocumentStore,
  load: Pick<LibraryLoad, "documents" | "errors">,
  actor: Actor,
  clock: Clock,
  mode: "sync" | "explicit",
): Promise<ImportResult> {
  if (load.errors.length > 0)
    throw new DomainError(
      "invalid_document",
      `${load.errors.length} problem(s) in the documents; nothing was stored`,
      load.errors,
    );

  const current = await store.current();
  const incoming = new Map(load.documents.map((d) => [`${d.kind}/${d.id}`, d]));
  const inForce = rehydrate(current.filter((c) => !incoming.has(`${c.kind}/${c.id}`)));
  const report = lintDocuments([...inForce, ...load.documents], clock.now());
  const errors = report.findings.filter((f) => f.level === "error");
  if (errors.length > 0)
    throw new DomainError(
      "invalid_document",
      `${errors.length} lint error(s) in the document set; nothing was stored`,
      errors.map(asDetail),
    );

  const changed: LoadedDocument[] = [];
  const unchanged: ImportResult["unchanged"] = [];
  for (const doc of incoming.values()) {
    const latest = current.find((c) => c.kind === doc.kind && c.id === doc.id);
    const seen =
      mode === "sync"
        ? await store.knownHashes(doc.kind, doc.id)
        : new Set(latest ? [latest.hash] : []);
    if (seen.has(doc.hash)) unchanged.push({ kind: doc.kind, id: doc.id });
    else changed.push(doc);
  }
  const stored = await store.append(
    changed.map((d) => ({
      kind: d.kind,
      id: d.id,
      label: d.body.version,
      title: d.body.title,
      hash: d.hash,
      source: d.source,
      body: d.body,
      origin: mode === "explicit" ? "upload" : d.file,
    })),
    actor,
    clock.now(),
  );
  return { stored, unchanged, warnings: report.findings.filter((f) => f.level === "warning") };
}

/** Parses an uploaded YAML text and imports it (see importDocuments). */
export async function uploadDocuments(
  store: DocumentStore,
  yaml: string,
  actor: Actor,
  clock: Clock,
): Promise<ImportResult> {
  if (Buffer.byteLength(yaml) > MAX_DOCUMENT_BYTES)
    throw new DomainError(
      "payload_too_large",
      `documents are limited to ${MAX_DOCUMENT_BYTES} bytes`,
    );
  const parsed = parseDocuments(yaml, "upload");
  if (parsed.errors.length === 0 && parsed.documents.length === 0)
    throw new DomainError("invalid_document", "the upload holds no document", [
      { file: "upload", line: 1, column: 1, message: "no document found" },
    ]);
  return importDocuments(store, parsed, actor, clock, "explicit");
}

/** The plan in force. There is exactly one once the library has loaded. */
export async function currentPlan(store: DocumentStore): Promise<StoredDocument<"plan">> {
  const [plan] = await store.current("plan");
  if (!plan) throw notFound("plan", "current");
  return plan as StoredDocument<"plan">;
}
