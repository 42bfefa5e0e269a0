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
