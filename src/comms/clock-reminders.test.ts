import { describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../test/support/databases.js";
import { operator } from "../../test/support/response-helpers.js";
import { runtimePerTest } from "../../test/support/runtime.js";
import { recordClockNotification, stopClock } from "../compliance/clock.service.js";
import { fixedClock } from "../domain/clock.js";
import { CLOCK_REMINDER } from "../jobs/job-kinds.js";
import { declareIncident } from "../response/incident.service.js";
import type { Runtime } from "../runtime.js";
import type { ClockReminderPayload } from "./clock-reminders.service.js";

describe.each(TEST_DIALECTS)("clock reminders on $name", (dialect) => {
  let rt: Runtime;
  runtimePerTest(dialect, { clock: fixedClock("2026-11-23T12:00:00Z") }, (fresh) => {
    rt = fresh;
  });

  // The compliance use cases only write the timeline; the runtime's reaction to the entry moves
  // the reminders, as it does for a declaration or a classification.
  it("follow a recorded notification and a stopped clock", async () => {
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
    const reminded = async () =>
      new Set(
        (
          await rt.jobs.list({
            status: "pending",
            dedupKeyPrefix: `${CLOCK_REMINDER}:${incident.id}:nis2-art-23:`,
          })
        ).map((j) => (j.payload as ClockReminderPayload).deadlineId),
      );
    expect(await reminded()).toEqual(new Set(["early-warning", "incident-notification"]));

    await recordClockNotification(
      rt,
      incident.id,
      "nis2-art-23",
      { deadline_id: "incident-notification", sent_at: "2026-11-23T11:30:00Z" },
      operator,
    );
    // Met: no longer reminded; the final report counts from it and now is.
    expect(await reminded()).toEqual(new Set(["early-warning", "final-report"]));

    await stopClock(
      rt,
      incident.id,
      "nis2-art-23",
      { reason: "not significant after all" },
      operator,
    );
    expect(await reminded()).toEqual(new Set());
  });
});
