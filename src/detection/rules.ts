import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Config } from "../config.js";
import { loadRules, type RuleFailure, type RuleWarning, SigmaEngine } from "./sigma/index.js";

/** The compiled rules the server detects with, and what could not be used. */
export interface DetectionRules {
  engine: SigmaEngine;
  /** Folders the rules were read from. */
  folders: string[];
  rules: number;
  correlations: number;
  failures: RuleFailure[];
  warnings: RuleWarning[];
  /** Milliseconds spent loading and compiling. */
  compileMs: number;
}

/**
 * Where Sigma rules come from: the `rules/` folder of each library folder (the built-in library
 * ships a few of its own), then every `--rules` / FIREBREAK_RULES folder.
 */
export function ruleFolders(config: Pick<Config, "library" | "rules">): string[] {
  const fromLibrary = config.library
    .map((dir) => join(dir, "rules"))
    .filter((dir) => existsSync(dir) && statSync(dir).isDirectory());
  return [...new Set([...fromLibrary, ...config.rules])];
}

/**
 * Loads and compiles every rule once. A rule that cannot be used is listed in `failures` with
 * its file and reason; it never stops the others.
 */
export function compileDetectionRules(config: Pick<Config, "library" | "rules">): DetectionRules {
  const started = performance.now();
  const folders = ruleFolders(config);
  const set = loadRules(folders);
  return {
    engine: new SigmaEngine(set),
    folders,
    rules: set.rules.length,
    correlations: set.correlations.length,
    failures: set.failures,
    warnings: set.warnings,
    compileMs: Math.round(performance.now() - started),
  };
}

/** The part of a pino logger the start-up report needs. */
export interface RuleLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/**
 * Compiles the rules now (at `serve` start rather than on the first batch) and logs what loaded
 * and every rule that did not, with its file and reason.
 */
export function compileAtStart(
  detection: { rules(): DetectionRules },
  log: RuleLog,
): DetectionRules {
  const r = detection.rules();
  log.info(
    {
      folders: r.folders,
      rules: r.rules,
      correlations: r.correlations,
      failed: r.failures.length,
      ms: r.compileMs,
    },
    "Sigma rules compiled",
  );
  for (const f of r.failures) log.warn({ file: f.file, reason: f.reason }, "Sigma rule not loaded");
  return r;
}
