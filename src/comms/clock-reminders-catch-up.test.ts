import { describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../test/support/databases.js";
import { operator } from "../../test/support/response-helpers.js";
import { runtimePerTest } from "../../test/support/runtime.js";
import { fixedClock } from "../domain/clock.js";
import { CLOCK_REMINDER } from "../jobs/job-kinds.js";
import { JobWorker } from "../jobs/worker.js";
import { declareIncident } from "../response/incident.service.js";
import type { Runtime } from "../runtime.js";
import { clockReminderHandler } from "./clock-reminders.service.js";

describe.each(TEST_DIALECTS)("clock reminders catching up on $name", (dialect) => {
  const clock = fixedClock("2026-11-23T12:00:00Z");
  let rt: Runtime;
  runtimePerTest(dialect, { clock }, (fresh) => {
    rt = fresh;
  });

  /** Runs every clock reminder due now, and what they schedule for now, to the end. */
  async function drain(worker: JobWorker) {
    for (let i = 0; i < 50; i++) {
      const started = await worker.poll();
      await worker.idle();
      if (started === 0) return;
    }
    throw new Error("reminders keep falling due");
  }

  it("fires only the latest level due after downtime and records the others as skipped", async () => {
    // NIS2: the early warning is due 24 h after awareness (10:00 tomorrow); its reminders fall
    // at 22:00, 04:00 and 07:36, then at the due time.
    const incident = await declareIncident(
      rt,
      {
        title: "Payments API encrypted",
        type: "ransomware",
        attributes: { significant: true },
        aware_at: "2026-11-23T10:00:00Z",
      },
      operator,
    );
    const worker = new JobWorker({ store: rt.jobs, clock, pollMs: 60_000, leaseMs: 60_000 });
    worker.handle(CLOCK_REMINDER, clockReminderHandler({ ...rt, linkBase: "http://fb.test" }));
    try {
      // The server was down from before the first reminder until two hours after the due time.
      clock.set("2026-11-24T12:00:00Z");
      await drain(worker);
    } finally {
      await worker.stop();
    }

    const reminders = (await rt.incidents.timeline(incident.id)).filter(
      (e) => e.kind === "clock.reminder" && e.payload.deadline_id === "early-warning",
    );
    expect(reminders).toHaveLength(1);
    expect(reminders[0]?.payload).toMatchObject({
      at: "2026-11-24T10:00:00.000Z",
      urgency: "critical",
      skipped: ["2026-11-23T22:00:00.000Z", "2026-11-24T04:00:00.000Z", "2026-11-24T07:36:00.000Z"],
    });
    // One message per recipient, all for the due-time reminder: nothing went out for the others.
    const sent = (await rt.notifications.list({ limit: 500 })).filter((n) =>
      n.labels.some((l) => l.startsWith("clock.reminder:nis2-art-23:early-warning:")),
    );
    expect(sent.length).toBeGreaterThan(0);
    expect(new Set(sent.flatMap((n) => n.labels.filter((l) => l.startsWith("clock."))))).toEqual(
      new Set(["clock.reminder:nis2-art-23:early-warning:2026-11-24T10:00:00.000Z"]),
    );
  });
});
