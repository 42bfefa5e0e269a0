import { linkBaseFor } from "../../comms/comms.deps.js";
import { exercises, type RunViewAnswer } from "../../contract/exercises.js";
import { logLine, scenarioClock } from "../../preparation/exercise/report.js";
import type { RunScore } from "../../preparation/exercise/score.js";
import { loadLibraryIfEmpty, openRuntime, startJobWorker } from "../../runtime.js";
import { buildApp } from "../../server/app.js";
import { type Api, type ApiFlags, injectedApi } from "../api.js";
import { printLine } from "../io.js";
import { configFrom } from "../options.js";

/**
 * Following a run from the terminal: print each new log entry in scenario time until the run
 * ends, then the score. Without `--server`, `exercise run` also runs the timer worker in this
 * process, because nobody else would replay the injects from the local database.
 */

export function scoreLines(run: RunViewAnswer): string[] {
  const s = run.score as RunScore | null;
  if (!s) return [`${run.human_id} is ${run.status}`];
  return [
    `${run.human_id} ${run.status}: score ${s.score}/100 (${s.earned} of ${s.possible} points)`,
    ...s.items.map(
      (x) => `  ${x.points === x.max ? "✓" : "✗"} ${x.title}: ${x.actual} (expected ${x.expected})`,
    ),
    ...(run.action_items.length
      ? [`${run.action_items.length} action item(s) raised from the gaps`]
      : []),
    `report: firebreak exercise report ${run.human_id} --format html`,
  ];
}

/** Polls the run and prints what is new until it is no longer running. */
export async function follow(
  api: Api,
  ref: string,
  quiet: boolean,
  everyMs = 1000,
): Promise<RunViewAnswer> {
  let printed = 0;
  for (;;) {
    const run = await api.call(exercises.run, { params: { run: ref } });
    const start = Date.parse(run.started_at);
    for (const e of run.log.slice(printed))
      if (!quiet)
        printLine(`${scenarioClock((Date.parse(e.at) - start) * run.speed)}  ${logLine(e)}`);
    printed = run.log.length;
    if (run.status !== "running") return run;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** An Api over an in-process app, with the timer worker running beside it. */
export async function localRunner(flags: ApiFlags): Promise<{ api: Api; close(): Promise<void> }> {
  const config = configFrom({ ...flags, logLevel: "silent" });
  const rt = await openRuntime(config);
  await loadLibraryIfEmpty(rt);
  const app = await buildApp(rt, { logger: false, auth: "trust-local" });
  const comms = await startJobWorker(rt, { linkBase: linkBaseFor(config), pollMs: 250 });
  return {
    api: { ...injectedApi(app), close: async () => {} },
    async close() {
      await comms.stop();
      await app.close();
      await rt.close();
    },
  };
}
