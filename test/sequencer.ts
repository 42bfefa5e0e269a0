import { relative } from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * Folders whose files take tens of seconds to minutes each: they spawn the command, start
 * servers, drive Chromium or throw thousands of requests.
 */
const SLOW = /\/test\/(e2e|cli|fuzz|concurrency|operations|escalation|preparation)\//;

/**
 * Longest first, so that two workers finish together instead of one running a long file alone
 * at the end. Vitest's own order is that when it remembers the durations of an earlier run;
 * a clean clone (CI) has none, and then vitest runs larger files first, which puts the short
 * browser and command files, the slowest of all, last. Those start first here.
 */
export default class SlowFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const timed = (f: TestSpecification) =>
      this.ctx.cache.getFileTestResults(
        `${f.project.name}:${relative(this.ctx.config.root, f.moduleId)}`,
      ) !== undefined;
    const first = (f: TestSpecification) => !timed(f) && SLOW.test(f.moduleId);
    return [...sorted.filter(first), ...sorted.filter((f) => !first(f))];
  }
}
