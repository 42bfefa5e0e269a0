import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts", "web/src/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    // Generous: CLI tests spawn real processes, and shared CI machines are slow when busy.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // Under CI a JSON report lets .ci/run print the plain "N passed, N failed" closing line.
    reporters: process.env.CI ? ["default", "json"] : ["default"],
    outputFile: { json: "test-artifacts/vitest.json" },
  },
});
