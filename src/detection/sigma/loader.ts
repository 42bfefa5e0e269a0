/**
 * Loads Sigma rules from files and directories (recursively, `.yml` and `.yaml`). Unreadable
 * paths and broken documents become failures; nothing stops the other rules from loading.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { type CompileOptions, compileRules, type RuleSet, type RuleSource } from "./ruleset.js";
import type { RuleFailure } from "./types.js";

/** Options of `loadRules`. */
export interface LoadOptions extends CompileOptions {}

function isRuleFile(name: string): boolean {
  return /\.ya?ml$/i.test(name);
}

/** Lists rule files under the given paths (sorted, for a stable rule order). */
export function findRuleFiles(paths: string[]): { files: string[]; failures: RuleFailure[] } {
  const files: string[] = [];
  const failures: RuleFailure[] = [];
  const walk = (dir: string) => {
    let entries: { name: string; isDirectory(): boolean; isFile(): boolean }[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      failures.push({ file: dir, reason: `cannot read directory: ${(e as Error).message}` });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (!e.name.startsWith(".")) walk(p);
      } else if (e.isFile() && isRuleFile(e.name)) files.push(p);
    }
  };
  for (const p of paths) {
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(p);
    } catch (e) {
      failures.push({ file: p, reason: `cannot read: ${(e as Error).message}` });
      continue;
    }
    if (st.isDirectory()) walk(p);
    else files.push(p);
  }
  return { files, failures };
}

/**
 * Loads and compiles every rule, correlation and filter under `paths` (files or directories).
 * Returns the compiled rule set; `failures` lists each unusable path or document with its reason.
 */
export function loadRules(paths: string[], options: LoadOptions = {}): RuleSet {
  const { files, failures } = findRuleFiles(paths);
  const sources: RuleSource[] = [];
  for (const file of files) {
    try {
      sources.push({ file, text: readFileSync(file, "utf8") });
    } catch (e) {
      failures.push({ file, reason: `cannot read: ${(e as Error).message}` });
    }
  }
  const set = compileRules(sources, options);
  set.failures.unshift(...failures);
  return set;
}
