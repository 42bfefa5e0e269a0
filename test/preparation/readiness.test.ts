import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ingestEvents } from "../../src/detection/ingest.service.js";
import { listActivities } from "../../src/preparation/activity.service.js";
import { logSourceCoverage } from "../../src/preparation/log-sources.js";
import { completeActivity } from "../../src/preparation/preparation.jobs.js";
import { readiness, readinessHistory } from "../../src/preparation/readiness.service.js";
import { TEST_DIALECTS } from "../support/databases.js";
import { encodedPowershell } from "../support/detection.js";
import { type PreparationHarness, preparationHarness } from "../support/preparation.js";
import { operator, rejection } from "../support/response-helpers.js";

const DAY = 86_400_000;
const part = (r: Awaited<ReturnType<typeof readiness>>, id: string) =>
  r.components.find((c) => c.id === id);

describe.each(TEST_DIALECTS)("the readiness programme ($name)", (dialect) => {
  let h: PreparationHarness;
  beforeEach(async (ctx) => {
    if (dialect.skip) ctx.skip(dialect.skip);
    h = await preparationHarness(dialect);
    await h.drain();
  });
  afterEach(async () => h?.close());

  it("drops the score when an activity goes overdue, says why, and recovers when it is done with evidence", async () => {
    const fresh = await readiness(h.rt);
    expect(part(fresh, "preparation")?.reasons).toEqual([]);

    // The monthly contact check was listed today: due in a month, escalated three days later.
    await h.advance(34 * DAY);
    const late = await readiness(h.rt);
    expect(late.score).toBeLessThan(fresh.score);
    const prep = part(late, "preparation");
    expect(prep?.status).not.toBe("ok");
    expect(prep?.reasons.join("\n")).toMatch(
      /contact-verification\) is overdue by \d+ days?: due .*owner scribe/,
    );
    expect(part(late, "contacts")).toMatchObject({ score: 0, status: "failing" });
    expect(part(late, "contacts")?.reasons[0]).toMatch(/contacts are stale/);

    // The owners were reminded before it was due, on the day, and escalated after.
    const reminders = (await h.rt.notifications.list({ limit: 1000 })).filter((n) =>
      n.labels.includes("preparation:contact-verification"),
    );
    const levels = new Set(reminders.map((n) => n.labels.find((l) => l.startsWith("level:"))));
    expect(levels).toEqual(new Set(["level:0", "level:1", "level:2"]));
    expect(reminders.every((n) => n.kind === "reminder")).toBe(true);
    const escalated = reminders.filter((n) => n.labels.includes("level:2"));
    // Level 2 adds the plan's owner (Amara Okafor) to the scribes.
    expect(escalated.map((n) => n.recipient)).toContain("person:amara-okafor");
    expect(escalated.map((n) => n.recipient)).toContain("person:fatima-haddad");

    // Evidence is required; then the score recovers and the cycle starts again.
    h.clock.advance(60_000);
    await rejection(completeActivity(h.rt, "contact-verification", { evidence: [] }, operator));
    const done = await completeActivity(
      h.rt,
      "contact-verification",
      {
        evidence: ["14 people called, 2 numbers corrected (plan change v2)"],
        notes: "all reachable",
      },
      operator,
    );
    expect(done.activity.state).toBe("ok");
    expect(done.activity.history[0]?.evidence).toEqual([
      "14 people called, 2 numbers corrected (plan change v2)",
    ]);
    const after = await readiness(h.rt);
    expect(after.score).toBeGreaterThan(late.score);
    expect(part(after, "contacts")?.status).toBe("ok");
    expect(part(after, "preparation")?.reasons.join("\n")).not.toContain("contact-verification");
    expect(done.readiness_score).toBe(after.score);

    // The history keeps the fall and the recovery, oldest first.
    const history = await readinessHistory(h.rt, {});
    const scores = history.map((p) => p.score);
    expect(scores).toContain(late.score);
    expect(scores.at(-1)).toBe(after.score);

    // A reminder of the old cycle that runs late finds the cycle moved on and sends nothing.
    const count = (await h.rt.notifications.list({ limit: 1000 })).length;
    await h.advance(8 * DAY);
    const fresher = (await h.rt.notifications.list({ limit: 1000 })).filter(
      (n) => n.labels.includes("preparation:contact-verification") && n.labels.includes("level:3"),
    );
    expect(fresher).toEqual([]);
    expect((await h.rt.notifications.list({ limit: 1000 })).length).toBeGreaterThanOrEqual(count);
  });

  it("checks log sources against real events only, and runs the weekly check by itself", async () => {
    const none = await logSourceCoverage(h.rt);
    expect(none.sources.find((s) => s.label === "windows / process_creation")?.seen).toBe(false);

    // An exercise's replayed events prove nothing about what the estate sends.
    await ingestEvents(h.rt, {
      text: JSON.stringify(encodedPowershell("WS-1")),
      exerciseRunId: "00000000-0000-0000-0000-000000000001",
    });
    expect((await logSourceCoverage(h.rt)).seen).toBe(0);

    await ingestEvents(h.rt, { text: JSON.stringify(encodedPowershell("WS-2")) });
    const some = await logSourceCoverage(h.rt);
    expect(some.sources.find((s) => s.label === "windows / process_creation")).toMatchObject({
      seen: true,
      sampled_events: 1,
    });
    expect(some.seen).toBe(1);
    expect(some.needed).toBeGreaterThan(1);

    // The weekly check comes due: it runs, fails (sources missing) and tells the analysts why.
    await h.advance(7 * DAY);
    const checks = await h.rt.preparation.completions.list({ activityId: "log-source-check" });
    expect(checks[0]).toMatchObject({ outcome: "failed" });
    expect(checks[0]?.notes).toMatch(/Not arriving: .*windows \/ security/);
    const told = (await h.rt.notifications.list({ limit: 1000 })).filter((n) =>
      n.labels.includes("preparation:log-source-check"),
    );
    expect(told.some((n) => /Log sources not arriving/.test(n.body.text))).toBe(true);
    const activity = (await listActivities(h.rt)).find((a) => a.id === "log-source-check");
    expect(activity?.last_done_at).toBeNull();
  });
});
