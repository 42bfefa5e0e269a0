import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Incident, TimelineEntry } from "../../src/domain/incident/model.js";
import { type RunningWorker, type Runtime, startJobWorker } from "../../src/runtime.js";
import { type App, buildApp } from "../../src/server/app.js";
import { TEST_DIALECTS } from "../support/databases.js";
import { commsRuntime, HOOK_ENV, pagingLibrary } from "../support/escalation.js";
import { waitFor } from "../support/wait.js";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver.js";

describe.each(TEST_DIALECTS)("escalation paths on $name", (dialect) => {
  let rt: Runtime;
  let app: App;
  let receiver: WebhookReceiver;
  let comms: RunningWorker;

  const api = async <T>(method: "GET" | "POST" | "PATCH", url: string, payload?: object) => {
    const res = await app.inject({ method, url: `/api/v1${url}`, payload });
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json() as T;
  };
  const declare = (body: Record<string, unknown> = {}) =>
    api<Incident>("POST", "/incidents", { title: "Worm on FS01", type: "malware", ...body });
  const timeline = async (id: string) =>
    (await api<{ items: TimelineEntry[] }>("GET", `/incidents/${id}/timeline`)).items;
  const pages = (path: string) => receiver.accepted().filter((r) => r.path === path);
  const startComms = () =>
    startJobWorker(rt, {
      linkBase: "http://firebreak.test",
      env: { [HOOK_ENV]: receiver.url },
      pollMs: 50,
    });

  beforeEach(async (ctx) => {
    if (dialect.skip) return ctx.skip(dialect.skip);
    receiver = await startWebhookReceiver();
    rt = await commsRuntime(dialect, { library: pagingLibrary() });
    app = await buildApp(rt, { logger: false, auth: "trust-local" });
    comms = await startComms();
  });
  afterEach(async () => {
    await comms?.stop();
    await app?.close();
    await receiver?.close();
    await rt?.close();
  });

  it("pages step 1 on declaring an Emergency, then step 2 when nobody acknowledges", async () => {
    const incident = await declare({ severity: "emergency" });
    const first = await waitFor("step 1 page", () => pages("/step-1")[0]);
    const firstAt = Date.now();
    expect(first.json).toMatchObject({
      kind: "page",
      exercise: false,
      recipient: "channel:pager-1",
      incident: { ref: incident.human_id, severity: "emergency" },
      links: { ack: expect.stringMatching(/^http:\/\/firebreak\.test\/api\/v1\/ack\/v1\./) },
    });
    expect(pages("/step-2")).toHaveLength(0);

    await waitFor("step 2 page", () => pages("/step-2")[0]);
    // The step's `after` is one second; the worker polls every 50 ms.
    expect(Date.now() - firstAt).toBeGreaterThan(700);
    const state = await waitFor("the path to run out", async () => {
      const s = await api<{ status: string } | null>("GET", `/incidents/${incident.id}/escalation`);
      return s?.status === "exhausted" ? s : undefined;
    });
    expect(state).toMatchObject({ severity: "emergency", run: 1 });

    const entries = await timeline(incident.id);
    const paged = entries.filter((e) => e.kind === "escalation.paged");
    expect(paged.map((e) => [e.payload.step, e.payload.steps])).toEqual([
      [1, 2],
      [2, 2],
    ]);
    expect(paged[0]?.payload.recipients).toEqual([
      { spec: "channel:pager-1", people: [], via: "channel" },
    ]);
    expect(entries.some((e) => e.kind === "escalation.exhausted")).toBe(true);
    const log = await api<{ items: { kind: string; status: string; deliveries: unknown[] }[] }>(
      "GET",
      `/incidents/${incident.id}/notifications`,
    );
    expect(log.items.filter((n) => n.kind === "page")).toHaveLength(2);
    expect(log.items.every((n) => n.status === "sent" && n.deliveries.length === 1)).toBe(true);
    expect(pages("/step-1")).toHaveLength(1);
    expect(pages("/step-2")).toHaveLength(1);
  });

  it("pages the last step whose worker died before paging, though the path ran out meanwhile", async () => {
    const incident = await declare({ severity: "emergency" });
    await waitFor("step 1 page", () => pages("/step-1")[0]);
    await comms.stop();
    // What a worker killed inside step 2 leaves: the step claimed and recorded as the last one
    // paged, no job yet for the end of the path, and nothing sent.
    const claimed = await waitFor(
      "step 2 to fall due",
      async () => (await rt.jobs.claimDue(new Date(), "killed", 1, 2_000, ["escalation.step"]))[0],
    );
    expect(claimed.payload).toMatchObject({ step: 1 });
    const state = await rt.escalations.get(incident.id);
    const recordedAt = Date.now();
    await rt.escalations.put({
      ...(state as NonNullable<typeof state>),
      last: { round: 0, step: 1, at: new Date(recordedAt).toISOString() },
      next: null,
    });

    // The restart's sweep ends the path one `after` (1 s) on, before the 2 s lease runs out.
    comms = await startComms();
    await waitFor("step 2 page", () => pages("/step-2")[0], 10_000);
    expect(await api("GET", `/incidents/${incident.id}/escalation`)).toMatchObject({
      status: "exhausted",
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(pages("/step-2")).toHaveLength(1);
    const exhausted = (await timeline(incident.id)).find((e) => e.kind === "escalation.exhausted");
    expect(Date.parse(exhausted?.recorded_at ?? "") - recordedAt).toBeGreaterThanOrEqual(1_000);
  });

  it("stops the path when someone acknowledges", async () => {
    const incident = await declare({ severity: "emergency" });
    await waitFor("step 1 page", () => pages("/step-1")[0]);
    await api("POST", `/incidents/${incident.human_id}/acknowledge`);
    await new Promise((r) => setTimeout(r, 1_800));
    expect(pages("/step-2")).toHaveLength(0);
    expect(await api("GET", `/incidents/${incident.id}/escalation`)).toMatchObject({
      status: "acknowledged",
      next: null,
    });
    const live = await rt.jobs.list({
      status: ["pending", "running"],
      dedupKeyPrefix: `escalation.step:${incident.id}:`,
    });
    expect(live).toEqual([]);
  });

  it("re-targets the path when the severity changes", async () => {
    const incident = await declare({ severity: "inconvenience" });
    await waitFor("the inconvenience page", () => pages("/low")[0]);
    await api("PATCH", `/incidents/${incident.id}`, {
      severity: "emergency",
      reason: "ransom note found",
    });
    const page = await waitFor("step 1 of the emergency path", () => pages("/step-1")[0]);
    expect(page.json).toMatchObject({ incident: { severity: "emergency" } });
    const entries = await waitFor("the re-target on the timeline", async () => {
      const all = await timeline(incident.id);
      return all.some((e) => e.kind === "escalation.retargeted") ? all : undefined;
    });
    expect(entries.find((e) => e.kind === "escalation.retargeted")?.payload).toMatchObject({
      from: "inconvenience",
      to: "emergency",
    });
    expect(await api("GET", `/incidents/${incident.id}/escalation`)).toMatchObject({
      severity: "emergency",
      status: "active",
    });
  });

  it("marks every page of an exercise EXERCISE", async () => {
    const incident = await declare({ severity: "emergency", exercise: true });
    expect(incident.human_id).toMatch(/^EXR-/);
    const page = await waitFor("the exercise page", () => pages("/step-1")[0]);
    expect(page.headers["x-firebreak-exercise"]).toBe("true");
    expect(page.json).toMatchObject({
      exercise: true,
      labels: expect.arrayContaining(["exercise"]),
    });
    expect((page.json as { subject: string }).subject).toMatch(/^\[EXERCISE\] \[emergency\] EXR-/);
  });
});
