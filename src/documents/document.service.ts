import type { Actor } from "../domain/actor.js";
import type { Clock } from "../domain/clock.js";
import type { DocumentKind } from "../domain/document-kind.js";
import { DomainError, type ErrorDetail, notFound } from "../domain/errors.js";
import type { DocumentStore, StoredDocument } from "./document.types.js";
import type { LibraryLoad } from "./library.js";
import { type LintFinding, type LintReport, lintDocuments } from "./lint.js";
import { type LoadedDocument, parseDocuments } from "./yaml-loader.js";

/** Uploads above this size are refused before parsing (a plan is tens of kilobytes). */
export const MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;

export interface ImportResult {
  /** Versions stored by this call (documents whose content did not change are not repeated). */
  stored: StoredDocument[];
  unchanged: { kind: DocumentKind; id: string }[];
  /** True only for the first load into an empty database; otherwise the stored are drafts. */
  inForce: boolean;
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

/** Lints what is in force now: the version in force of every stored document. */
export async function lintCurrent(store: DocumentStore, clock: Clock): Promise<LintReport> {
  return lintDocuments(rehydrate(await store.current()), clock.now());
}

/**
 * Lints documents as they would be in force: the given versions replace those of the same kind
 * and id, `removed` ones (retired) drop out, everything else stays as in force now. Drafts are
 * linted this way when stored, submitted and approved, so that what comes into force always
 * fits what is already there.
 */
export async function lintAgainstInForce(
  store: DocumentStore,
  clock: Clock,
  incoming: readonly LoadedDocument[],
  removed: readonly { kind: DocumentKind; id: string }[] = [],
): Promise<LintReport> {
  const key = (d: { kind: string; id: string }) => `${d.kind}/${d.id}`;
  const replaced = new Set([...incoming, ...removed].map(key));
  const inForce = rehydrate((await store.current()).filter((c) => !replaced.has(key(c))));
  return lintDocuments([...inForce, ...incoming], clock.now());
}

/** Refuses (422, every error with its line) when a lint report has errors. */
export function refuseLintErrors(report: LintReport, what: string): void {
  const errors = report.findings.filter((f) => f.level === "error");
  if (errors.length > 0)
    throw new DomainError(
      "invalid_document",
      `${errors.length} lint error(s) ${what}`,
      errors.map(asDetail),
    );
}

/** Why the first load is in force at once (kept on its state rows and in the docs). */
const FIRST_LOAD_REASON = "first load into an empty database: nothing to approve it against";

/**
 * Stores a set of documents as new versions, all or none. The set is linted together with what
 * is in force (new versions replace those of the same kind and id); any error rejects the whole
 * set. New versions are drafts: they come into force only through approval
 * (preparation/plan-review.service.ts). The one exception is the very first load into a
 * database that holds no document at all, which is in force at once: there is no plan in force
 * yet whose approvers could approve it.
 *
 * `mode: "first"` (the first start) is that load alone: it never stores drafts, so a command
 * that lost the race to another first load writes nothing. `mode: "sync"` (`firebreak library
 * sync`) skips documents whose content was ever stored, so
 * that re-syncing an unchanged library does not propose an old text again after an approved
 * upload replaced it; `"explicit"` (an upload) makes a new version whenever the content differs
 * from both the version in force and the newest draft — a revert included.
 */
export async function importDocuments(
  store: DocumentStore,
  load: Pick<LibraryLoad, "documents" | "errors">,
  actor: Actor,
  clock: Clock,
  mode: "first" | "sync" | "explicit",
): Promise<ImportResult> {
  if (load.errors.length > 0)
    throw new DomainError(
      "invalid_document",
      `${load.errors.length} problem(s) in the documents; nothing was stored`,
      load.errors,
    );

  const incoming = new Map(load.documents.map((d) => [`${d.kind}/${d.id}`, d]));
  const report = await lintAgainstInForce(store, clock, [...incoming.values()]);
  refuseLintErrors(report, "in the document set; nothing was stored");

  // "first" stores in force or nothing: the store refuses it once the database holds documents.
  const first = mode === "first" || (await store.isEmpty());
  const changed: LoadedDocument[] = [];
  const unchanged: ImportResult["unchanged"] = [];
  for (const doc of incoming.values()) {
    const seen =
      mode === "sync"
        ? await store.knownHashes(doc.kind, doc.id)
        : new Set(
            [await store.get(doc.kind, doc.id), (await store.versions(doc.kind, doc.id))[0]]
              .filter((d) => d !== undefined)
              .map((d) => d.hash),
          );
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
    first ? { inForce: { reason: FIRST_LOAD_REASON } } : undefined,
  );
  return {
    stored,
    unchanged,
    inForce: first,
    warnings: report.findings.filter((f) => f.level === "warning"),
  };
}

/** The problem of an upload that holds no document at all (only comments, or nothing). */
const NO_DOCUMENT: ErrorDetail = {
  file: "upload",
  line: 1,
  column: 1,
  message: "no document found",
};

/** Parses an uploaded YAML text, refusing one above the size limit before reading it. */
function parseUpload(yaml: string) {
  if (Buffer.byteLength(yaml) > MAX_DOCUMENT_BYTES)
    throw new DomainError(
      "payload_too_large",
      `documents are limited to ${MAX_DOCUMENT_BYTES} bytes`,
    );
  return parseDocuments(yaml, "upload");
}

/** Parses an uploaded YAML text and imports it (see importDocuments). */
export async function uploadDocuments(
  store: DocumentStore,
  yaml: string,
  actor: Actor,
  clock: Clock,
): Promise<ImportResult> {
  const parsed = parseUpload(yaml);
  if (parsed.errors.length === 0 && parsed.documents.length === 0)
    throw new DomainError("invalid_document", "the upload holds no document", [NO_DOCUMENT]);
  return importDocuments(store, parsed, actor, clock, "explicit");
}

/**
 * What an upload of this text would answer, as a lint report and storing nothing (the editor's
 * live lint): its YAML and schema problems when it has some — an upload stops there too — else
 * the lint of the set beside what is in force, with the upload's errors and warnings.
 */
export async function lintUpload(
  store: DocumentStore,
  yaml: string,
  clock: Clock,
): Promise<LintReport> {
  const parsed = parseUpload(yaml);
  const problems =
    parsed.documents.length === 0 && parsed.errors.length === 0 ? [NO_DOCUMENT] : parsed.errors;
  if (problems.length === 0) return lintAgainstInForce(store, clock, parsed.documents);
  const findings = problems.map(
    (p): LintFinding => ({
      level: "error",
      file: p.file ?? "upload",
      line: p.line ?? 1,
      column: p.column ?? 1,
      path: p.path ?? "",
      message: p.message,
    }),
  );
  return { findings, errors: findings.length, warnings: 0 };
}

/** The plan in force. There is exactly one once the library has loaded. */
export async function currentPlan(store: DocumentStore): Promise<StoredDocument<"plan">> {
  const [plan] = await store.current("plan");
  if (!plan) throw notFound("plan", "current");
  return plan as StoredDocument<"plan">;
}
