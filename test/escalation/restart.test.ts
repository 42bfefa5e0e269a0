import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FIREBREAK_BIN, runCli } from "../support/cli.js";
import { TEST_DIALECTS } from "../support/databases.js";
import { HOOK_ENV, pagingLibrary } from "../support/escalation.js";
import { freePort, postgresDatabase } from "../support/serve.js";
import { waitFor } from "../support/wait.js";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver.js";

describe.each(TEST_DIALECTS)(
  "a server killed between two escalation steps, on $name",
  (dialect) => {
    let receiver: WebhookReceiver | undefined;
    let child: ChildProcess | undefined;
    const cleanups: (() => Promise<void> | void)[] = [];

    afterEach(async () => {
      if (child && child.exitCode === null) {
        child.kill("SIGTERM");
        await new Promise((r) => child?.once("exit", r));
      }
      await receiver?.close();
      for (const c of cleanups.splice(0)) await c();
    });

    it("delivers step 2 once after a restart", async (ctx) => {
      if (dialect.skip) return ctx.skip(dialect.skip);
      receiver = await startWebhookReceiver();
      const library = pagingLibrary();
      const dataDir = mkdtempSync(join(tmpdir(), "firebreak-serve-"));
      cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
      cleanups.push(() => rmSync(library, { recursive: true, force: true }));
      let where = ["--data-dir", dataDir];
      if (dialect.name === "postgres") {
        const db = await postgresDatabase();
        cleanups.push(() => db.drop());
        where = ["--database-url", db.url];
      }
      const port = await freePort();
      const env = {
        ...process.env,
        [HOOK_ENV]: receiver.url,
        // The receiver listens on loopback, which pages reach only when allowed.
        FIREBREAK_EGRESS_ALLOW: "127.0.0.1",
        LOG_LEVEL: "warn",
      };
      let output = "";
      const serve = async () => {
        const proc = spawn(
          process.execPath,
          [FIREBREAK_BIN, "serve", "--port", String(port), "--library", library, ...where],
          { env, stdio: ["ignore", "pipe", "pipe"] },
        );
        proc.stdout?.on("data", (d) => {
          output += d;
        });
        proc.stderr?.on("data", (d) => {
          output += d;
        });
        child = proc;
        await waitFor(
          `the server on port ${port} to be ready\n${output}`,
          async () => (await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => null))?.ok,
          60_000,
          100,
        );
      };
      const pages = (path: string) => receiver?.accepted().filter((r) => r.path === path) ?? [];

      await serve();
      // Declared by the CLI in its own process over the same database: the server's worker pages.
      const declared = await runCli(
        [
          "incident",
          "declare",
          "--type",
          "malware",
          "--severity",
          "emergency",
          "--title",
          "Worm on FS01",
          "--library",
          library,
          "--json",
          ...where,
        ],
        { env },
      );
      expect(declared.code, declared.stderr).toBe(0);
      const incident = JSON.parse(declared.stdout) as { human_id: string };

      await waitFor("step 1 to be paged", () => pages("/step-1")[0], 60_000);
      const first = child as ChildProcess;
      first.kill("SIGKILL");
      await new Promise((r) => first.once("exit", r));
      expect(pages("/step-2")).toHaveLength(0);

      await serve();
      const step2 = await waitFor("step 2 after the restart", () => pages("/step-2")[0], 60_000);
      expect(step2.json).toMatchObject({ incident: { ref: incident.human_id } });
      // Long enough for a duplicate to show up: the path's last step waits one second more.
      await new Promise((r) => setTimeout(r, 2_500));
      expect(pages("/step-2")).toHaveLength(1);
      expect(pages("/step-1").length).toBeGreaterThanOrEqual(1);

      // SIGTERM: the worker finishes and the process closes the database and exits cleanly.
      const second = child as ChildProcess;
      const exited = new Promise<number | null>((r) => second.once("exit", (code) => r(code)));
      second.kill("SIGTERM");
      expect(await exited, output).toBe(0);
    }, 240_000);
  },
);
