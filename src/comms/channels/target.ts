import { invalidInput } from "../../domain/errors.js";

/** The process environment, or any stand-in for it (tests, a secrets file). */
export type Env = Readonly<Record<string, string | undefined>>;

const REFERENCE = /\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * Resolves a plan channel's `target`: every `${env:NAME}` is replaced by that environment
 * variable, so that webhook URLs with tokens and similar secrets stay out of documents and out of
 * the database (notifications store the unresolved target; delivery resolves it each time, so a
 * corrected variable fixes the next retry). A missing or empty variable is an error naming it.
 */
export function resolveChannelTarget(target: string, env: Env): string {
  if (target.replace(REFERENCE, "").includes("${env:"))
    throw invalidInput(`channel target ${target} has a malformed \${env:NAME} reference`);
  const missing: string[] = [];
  const resolved = target.replace(REFERENCE, (_, name: string) => {
    const value = env[name];
    if (value === undefined || value === "") missing.push(name);
    return value ?? "";
  });
  if (missing.length > 0)
    throw invalidInput(
      `channel target ${target} needs environment variable${missing.length > 1 ? "s" : ""} ${missing.join(", ")}, which ${missing.length > 1 ? "are" : "is"} not set`,
    );
  if (resolved.trim() === "") throw invalidInput(`channel target ${target} is empty`);
  return resolved;
}
