import { escalationStepHandler } from "../../src/comms/escalation/escalation.service.js";
import { fixedClock } from "../../src/domain/clock.js";
import { ESCALATION_STEP } from "../../src/jobs/job-kinds.js";
import { registerJobs, scheduleRecurring } from "../../src/jobs/registry.js";
import { JobWorker } from "../../src/jobs/worker.js";
import { preparationJobs } from "../../src/preparation/preparation.jobs.js";
import type { Runtime } from "../../src/runtime.js";
import type { TestDialect } from "./databases.js";
import { testRuntime } from "./runtime.js";

export type TestClock = ReturnType<typeof fixedClock>;

/**
 * A runtime with a clock that only moves when the test moves it, the preparation deps over it,
 * and a job worker (preparation handlers and escalation steps) that runs whatever is due when
 * the test calls `drain()`: time-compressed exercises and month-long cadences run in
 * milliseconds, deterministically.
 */
export async function preparationHarness(dialect: TestDialect, start = "2026-11-02T09:00:00Z") {
  const clock = fixedClock(start);
  const rt: Runtime = await testRuntime(dialect, { clock });
  const worker = new JobWorker({ store: rt.jobs, clock, pollMs: 60_000, leaseMs: 60_000 });
  worker.handle(
    ESCALATION_STEP,
    escalationStepHandler({ ...rt, linkBase: "http://firebreak.test" }),
  );
  const jobs = preparationJobs(rt, { firstSyncMs: 0 });
  registerJobs(worker, jobs);
  await scheduleRecurring(rt.jobs, jobs, clock.now());
  return {
    rt,
    clock,
    worker,
    /** Runs every job due now (and what they schedule for now) to the end. */
    async drain(): Promise<void> {
      for (let i = 0; i < 100; i++) {
        const started = await worker.poll();
        await worker.idle();
        if (started === 0) return;
      }
      throw new Error("jobs keep falling due");
    },
    /** Moves the clock on and runs what fell due. */
    async advance(ms: number): Promise<void> {
      clock.advance(ms);
      await this.drain();
    },
    async close() {
      await worker.stop();
      await rt.close();
    },
  };
}

export type PreparationHarness = Awaited<ReturnType<typeof preparationHarness>>;
