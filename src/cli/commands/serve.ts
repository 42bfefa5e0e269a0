import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Command, Option } from "commander";
import pretty from "pino-pretty";
import { currentSetupCode } from "../../auth/setup.service.js";
import { bootstrapAdmin } from "../../auth/user.service.js";
import {
  describeUndeliverable,
  undeliverableChannels,
} from "../../comms/channels/deliverability.js";
import { linkBaseFor } from "../../comms/comms.deps.js";
import { loadDemo } from "../../demo/scenario.js";
import { compileAtStart } from "../../detection/rules.js";
import { currentPlan } from "../../documents/document.service.js";
import { systemActor } from "../../domain/actor.js";
import { Telemetry } from "../../operations/telemetry.js";
import {
  libraryDifferences,
  loadLibraryIfEmpty,
  openRuntime,
  type RunningWorker,
  type Runtime,
  startJobWorker,
} from "../../runtime.js";
import { buildApp } from "../../server/app.js";
import { listenForMetrics } from "../../server/metrics-listener.js";
import { action, collect, EXIT } from "../io.js";
import { configFrom, withDatabaseOptions } from "../options.js";

/**
 * Log lines for whoever reads them: aligned, coloured text on a terminal, JSON lines (one object
 * each, for log collectors) when stdout is a file or a pipe. Redaction applies to both.
 */
function terminalLogger(level: string) {
  if (!process.stdout.isTTY) return true;
  const stream = pretty({
    colorize: true,
    translateTime: "SYS:HH:MM:ss.l",
    ignore: "pid,hostname",
  });
  return { level, stream };
}

export function serveCommand(): Command {
  return withDatabaseOptions(
    new Command("serve").description(
      "run the HTTP API, the detection pipeline and the timer worker",
    ),
  )
    .addOption(new Option("-p, --port <port>", "port to listen on (env PORT; default 8080)"))
    .addOption(
      new Option("--host <host>", "address to listen on (env FIREBREAK_HOST; default 127.0.0.1)"),
    )
    .addOption(
      new Option(
        "--rules <dir>",
        "extra Sigma rule folder, repeatable (env FIREBREAK_RULES)",
      ).argParser(collect),
    )
    .addOption(
      new Option("--log-level <level>", "fatal|error|warn|info|debug|trace|silent (env LOG_LEVEL)"),
    )
    .addOption(
      new Option(
        "--public-url <url>",
        "URL people reach this server at, for links in notifications (env FIREBREAK_PUBLIC_URL)",
      ),
    )
    .addOption(new Option("--demo", "load the demo scenario (once) before serving"))
    .addOption(
      new Option(
        "--no-worker",
        "do not run the timer worker (pages, reminders, deliveries): an API-only node",
      ),
    )
    .action(
      action(async (flags) => {
        const config = configFrom(flags);
        const rt = await openRuntime(config);
        const telemetry = new Telemetry(rt.operations, rt.clock);
        const app = await buildApp(rt, { logger: terminalLogger(config.logLevel), telemetry });
        let worker: RunningWorker | undefined;
        let metrics: Server | undefined;
        try {
          const library = await loadLibraryIfEmpty(rt);
          if (library)
            app.log.info(
              {
                stored: library.stored.map((d) => `${d.kind}/${d.id}@v${d.version}`),
                warnings: library.warnings.length,
              },
              "library loaded into the empty database, in force",
            );
          else {
            // Never stored from here: what is in force changes by library sync and approval.
            const differences = await libraryDifferences(rt);
            if (differences.length > 0)
              app.log.warn(
                { differences },
                `the library differs from what is in force: ${differences.map((d) => `${d.document} (${d.library})`).join(", ")}; nothing was stored — run \`firebreak library sync\` and approve the drafts to change what is in force`,
              );
          }
          compileAtStart(rt.detection, app.log);
          await warnUndeliverable(rt, app.log);
          if (flags.demo) app.log.info({ demo: await loadDemo(rt) }, "demo scenario");
          const admin = await bootstrapAdmin(
            rt,
            config.adminEmail,
            config.adminPassword,
            systemActor("bootstrap"),
          );
          if (admin)
            app.log.info({ email: admin.email }, "first admin created from the environment");
          await app.listen({ port: config.port, host: config.host });
          if (config.metricsListen) {
            metrics = await listenForMetrics(telemetry, config.metricsListen);
            app.log.info({ listen: config.metricsListen }, "Prometheus metrics at /metrics");
          }
          const setupCode = await currentSetupCode(rt);
          if (setupCode) {
            const { port } = app.server.address() as AddressInfo;
            const url = `${linkBaseFor(config, port)}/setup`;
            // On the terminal, not in the log: log collectors should not keep a working code.
            process.stderr.write(setupBanner(setupCode, url));
            app.log.warn(
              { setup_url: url },
              "no users yet: open the setup page and enter the setup code printed on the terminal (again: `firebreak setup-code`), or run `firebreak users create --admin`",
            );
          }
          if (flags.worker !== false) {
            // Links in messages need the real port when --port 0 picked one.
            const { port } = app.server.address() as AddressInfo;
            // Every job kind of the registry: pages, deliveries, reminders, exercises, retention.
            worker = await startJobWorker(rt, {
              linkBase: linkBaseFor(config, port),
              log: app.log,
            });
          }
        } catch (e) {
          metrics?.close();
          await app.close();
          await worker?.stop();
          await rt.close();
          throw e;
        }
        await stopOnSignal(async () => {
          // Fastify stops accepting and lets in-flight requests finish; the worker finishes its
          // running jobs and records their outcome; only then is the database closed.
          metrics?.close();
          await app.close();
          await worker?.stop();
          await rt.close();
        });
        return EXIT.ok;
      }),
    );
}

/** One warning at start naming every channel of the plan in force that cannot deliver, and why. */
async function warnUndeliverable(
  rt: Runtime,
  log: { warn(obj: object, msg: string): void },
): Promise<void> {
  // A library without a plan starts too (lint says so); there is nothing to deliver yet.
  const plan = await currentPlan(rt.documents).catch(() => undefined);
  const channels = plan ? undeliverableChannels(plan.body, { ...rt.config, env: rt.env }) : [];
  if (channels.length > 0)
    log.warn(
      { channels },
      `${channels.length} channel(s) of the plan in force cannot deliver, so pages and updates through them will fail: ${channels.map(describeUndeliverable).join("; ")}`,
    );
}

/** The first-start message: hard to miss among the log lines around it. */
function setupBanner(code: string, url: string): string {
  const lines = [
    "Firebreak has no users yet. Create the first admin in the browser:",
    `  open   ${url}`,
    `  code   ${code}`,
    "The code works once. Print it again with `firebreak setup-code`;",
    "or create the admin with `firebreak users create --admin`.",
  ];
  const rule = "=".repeat(Math.max(...lines.map((l) => l.length)));
  return `\n${rule}\n${lines.join("\n")}\n${rule}\n\n`;
}

/** Resolves once SIGTERM or SIGINT arrives and the shutdown has run. */
function stopOnSignal(shutdown: () => Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off("SIGTERM", stop);
      process.off("SIGINT", stop);
      shutdown().then(resolve, (e) => {
        process.stderr.write(`error during shutdown: ${(e as Error).message}\n`);
        resolve();
      });
    };
    process.on("SIGTERM", stop);
    process.on("SIGINT", stop);
  });
}
