import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts", "web/src/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    // Generous: CLI tests spawn real processes, and shared CI machines are slow when busy.
    testTimeout: 120_000,
    // Two files at a time (vitest's default on two cores is one). Most of a file's time is
    // loading modules, which parallelises; no test measures time (speed is in bench/), every
    // store test gets its own database and every server its own port, the web build takes a
    // lock, and the CLI is compiled once before any file runs (globalSetup).
    maxWorkers: 2,
    hookTimeout: 60_000,
    // Under CI a JSON report lets .ci/run print the plain "N passed, N failed" closing line.
    reporters: process.env.CI ? ["default", "json"] : ["default"],
    outputFile: { json: "test-artifacts/vitest.json" },
  },
});
