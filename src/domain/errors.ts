/**
 * Every failure a use case can report on purpose. The HTTP layer maps each code to a status and a
 * stable problem type (`server/problem.ts`); the CLI maps them to exit codes. Anything thrown that
 * is not a DomainError is a bug and becomes a plain 500 / exit 1.
 */
export const DOMAIN_ERROR_CODES = [
  "invalid_input",
  "invalid_document",
  "not_found",
  "conflict",
  "stale_version",
  "gate_blocked",
  "unauthenticated",
  "forbidden",
  "payload_too_large",
  "unsupported_media_type",
  "rate_limited",
  /** Stored evidence bytes no longer hash to their record's SHA-256 (docs/evidence.md). */
  "integrity_failed",
  /** An uploaded file is not the one its evidence record names. */
  "hash_mismatch",
] as const;

/** One of `DOMAIN_ERROR_CODES` (listed as values so a test can check each maps to a 4xx). */
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

/** A problem found at a place in an input: a document position, or a request field. */
export interface ErrorDetail {
  message: string;
  file?: string;
  line?: number;
  column?: number;
  /** Path inside the document or request body, e.g. `steps.containment[0].role`. */
  path?: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
    /** Extra members for the problem document (e.g. the tasks blocking a gate). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export const notFound = (what: string, id: string) =>
  new DomainError("not_found", `${what} ${id} does not exist`);

export const invalidInput = (message: string, details: ErrorDetail[] = []) =>
  new DomainError("invalid_input", message, details);

/** `file:line:column message`, the one format every document error is shown in. */
export function formatDetail(d: ErrorDetail): string {
  const where = [d.file, d.line, d.column].filter((p) => p !== undefined).join(":");
  const path = d.path ? ` (at ${d.path})` : "";
  return where ? `${where} ${d.message}${path}` : `${d.message}${path}`;
}
