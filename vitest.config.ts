import { defineConfig } from "vitest/config";
import SlowFirst from "./test/sequencer.js";

export default defineConfig({
  test: {
    // Generous: CLI tests spawn real processes, and shared CI machines are slow when busy.
    testTimeout: 120_000,
    // Two files at a time (vitest's default on two cores is one). Most of a file's time is
    // loading modules, which parallelises; no test measures speed (that is in bench/): the
    // timing checks (escalation steps, status updates) are lower bounds or an absence after a
    // wait, which a busy machine does not make fail. Every store test gets its own database and
    // every server its own port, the web build takes a lock, and the CLI is compiled once
    // before any file runs (globalSetup).
    maxWorkers: 2,
    hookTimeout: 60_000,
    // Longest first: the browser and command files, which a clean clone knows nothing of yet.
    sequence: { sequencer: SlowFirst },
    // Under CI a JSON report lets .ci/run print the plain "N passed, N failed" closing line.
    reporters: process.env.CI ? ["default", "json"] : ["default"],
    outputFile: { json: "test-artifacts/vitest.json" },
    projects: [
      {
        // The in-process tests (units, stores, routes through the app): each file builds its
        // own runtimes and databases and closes them, and nothing in src keeps state between
        // files but caches of pure results. They share a worker's loaded modules instead of
        // loading the application again for each of about 200 files, most of whose time that
        // loading was.
        extends: true,
        test: {
          name: "in-process",
          include: ["src/**/*.test.ts", "web/src/**/*.test.ts"],
          isolate: false,
          globalSetup: ["test/support/database-templates.ts"],
        },
      },
      {
        // Files that spawn the command, start servers and drive Chromium: each in a fresh
        // process, so a child or browser one leaves behind cannot reach the next. They spawn the
        // compiled command users run, built from the current source first (globalSetup).
        extends: true,
        test: {
          name: "processes",
          include: ["test/**/*.test.ts"],
          globalSetup: ["test/global-setup.ts", "test/support/database-templates.ts"],
        },
      },
    ],
  },
});
