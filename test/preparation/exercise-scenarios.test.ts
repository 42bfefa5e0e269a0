import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cancelRun, finishRun } from "../../src/preparation/exercise/finish.js";
import {
  answerQuestion,
  declareForRun,
  startRun,
} from "../../src/preparation/exercise/run.service.js";
import { runView } from "../../src/preparation/exercise/run-view.js";
import type { RunScore } from "../../src/preparation/exercise/score.js";
import { readiness } from "../../src/preparation/readiness.service.js";
import { classifyIncident } from "../../src/response/incident.service.js";
import { TEST_DIALECTS } from "../support/databases.js";
import { type PreparationHarness, preparationHarness } from "../support/preparation.js";
import { operator, rejection } from "../support/response-helpers.js";

const SECOND = 1000;
const outcomes = (s: RunScore) => Object.fromEntries(s.items.map((x) => [x.id, x.outcome]));

describe.each(TEST_DIALECTS)("the other built-in exercises ($name)", (dialect) => {
  let h: PreparationHarness;
  beforeEach(async (ctx) => {
    if (dialect.skip) ctx.skip(dialect.skip);
    h = await preparationHarness(dialect);
    await h.drain();
  });
  afterEach(async () => h?.close());

  it("web data breach: the policy's guess is reclassified; a late, wrong decision is a gap", async () => {
    const run = await startRun(h.rt, "web-data-breach", { speed: 60 }, operator);
    await h.advance(4 * SECOND); // LSASS dumped on WEB01: the policy declares a credential theft
    let view = await runView(h.rt, run.id);
    expect(view.incidents).toMatchObject([{ type: "account-compromise", severity: "disaster" }]);
    const id = view.incident_ids[0] as string;
    await h.advance(6 * SECOND); // the bulk read from the monitor joins the same exercise incident
    expect((await h.rt.incidents.get(id))?.source_alerts).toHaveLength(2);
    // Questions can only be answered once asked, with one of their choices.
    await rejection(
      answerQuestion(h.rt, run.id, { inject: "gdpr-decision", choice: "now" }, operator),
    );
    await h.advance(15 * SECOND);
    await rejection(
      answerQuestion(h.rt, run.id, { inject: "contain-decision", choice: "maybe" }, operator),
    );
    await answerQuestion(
      h.rt,
      run.id,
      { inject: "gdpr-decision", choice: "after-forensics" },
      operator,
    );
    await classifyIncident(
      h.rt,
      id,
      {
        type: "data-breach",
        severity: "emergency",
        attributes: { personal_data: true },
        reason: "customer records read",
      },
      operator,
    );
    view = await finishRun(h.rt, run.id, operator, "time's up");
    const score = view.score as RunScore;
    expect(outcomes(score)).toMatchObject({
      "classification:type": "right",
      "classification:severity": "right",
      "decision:gdpr-decision": "wrong",
      "decision:contain-decision": "unanswered",
      "target:acknowledge": "missed",
    });
    expect(score.gaps.find((g) => g.title.includes("GDPR"))?.detail).toMatch(
      /Expected: A personal data breach/,
    );
    expect(view.action_items).toHaveLength(score.gaps.length);
    // Finishing again changes nothing; the pages for the exercise incident have stopped.
    expect((await finishRun(h.rt, run.id, operator)).action_items).toEqual(view.action_items);
    const pending = await h.rt.jobs.list({
      status: "pending",
      dedupKeyPrefix: `escalation.step:${id}`,
    });
    expect(pending).toEqual([]);
  });

  it("data centre loss: a tabletop declared by hand, and an exercised type counts for readiness", async () => {
    const before = (await readiness(h.rt)).components.find((c) => c.id === "exercises");
    const run = await startRun(h.rt, "datacentre-loss", { speed: 600 }, operator);
    await h.advance(1 * SECOND); // T+10 min: three monitor alerts, none of which declares
    let view = await runView(h.rt, run.id);
    expect(view.incidents).toEqual([]);
    view = await declareForRun(
      h.rt,
      run.human_id,
      { type: "facility-loss", severity: "disaster" },
      operator,
    );
    const incident = await h.rt.incidents.get(view.incident_ids[0] as string);
    expect(incident).toMatchObject({ exercise: true, type: "facility-loss", severity: "disaster" });
    expect(incident?.source_alerts).toHaveLength(3);
    await h.advance(1 * SECOND);
    for (const [inject, choice] of [
      ["safety-decision", "account-for-people"],
      ["failover-decision", "disaster-failover"],
    ] as const)
      await answerQuestion(h.rt, run.id, { inject, choice }, operator);
    await h.advance(18 * SECOND); // T+3 h: the run ends by itself
    view = await runView(h.rt, run.id);
    expect(view.status).toBe("finished");
    const score = view.score as RunScore;
    expect(outcomes(score)).toMatchObject({
      "target:declare": "met",
      "decision:safety-decision": "right",
      "decision:spending-decision": "unanswered",
    });
    const after = (await readiness(h.rt)).components.find((c) => c.id === "exercises");
    expect(after?.score).toBeGreaterThan(before?.score ?? 0);
    expect(after?.reasons.join("\n")).not.toContain("(facility-loss)");

    // A cancelled run is not scored and delivers nothing more.
    const other = await startRun(h.rt, "datacentre-loss", { speed: 600 }, operator);
    const cancelled = await cancelRun(h.rt, other.id, operator, "started by mistake");
    expect(cancelled).toMatchObject({ status: "cancelled", score: null });
    await h.advance(30 * SECOND);
    expect((await runView(h.rt, other.id)).injects.every((i) => !i.delivered_at)).toBe(true);
  });
});
