// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${env:NAME}` contact addresses.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Incident, TimelineEntry } from "../../src/domain/incident/model.js";
import { type RunningWorker, type Runtime, startJobWorker } from "../../src/runtime.js";
import { type App, buildApp } from "../../src/server/app.js";
import { TEST_DIALECTS } from "../support/databases.js";
import { commsRuntime, HOOK_ENV, pagingLibrary, pagingPlan } from "../support/escalation.js";
import { waitFor } from "../support/wait.js";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver.js";

/** The paging plan with the executives' cadence at two seconds, and people reachable by webhook. */
function fastCadenceLibrary(): string {
  const plan = pagingPlan();
  const hook = (path: string) => [{ channel: "webhook", address: `\${env:${HOOK_ENV}}/${path}` }];
  const team = (plan.team as { id: string; contacts: unknown }[]).map((p) => ({
    ...p,
    contacts: hook(p.id),
  }));
  const [executives] = (plan.communication as { audiences: Record<string, unknown>[] }).audiences;
  return pagingLibrary({
    team,
    communication: {
      audiences: [{ ...executives, cadence: { inconvenience: "P1D", emergency: "PT2S" } }],
    },
    escalation: ["inconvenience", "emergency"].map((severity) => ({
      severity,
      steps: [{ notify: ["channel:pager-1"], after: "PT1H" }],
    })),
  });
}

describe.each(TEST_DIALECTS)("status updates and their cadence on $name", (dialect) => {
  let rt: Runtime;
  let app: App;
  let receiver: WebhookReceiver;
  let comms: RunningWorker | undefined;

  const call = async (method: "GET" | "POST", url: string, payload?: object) => {
    const res = await app.inject({ method, url: `/api/v1${url}`, payload });
    return { status: res.statusCode, body: res.json() };
  };
  const ok = async <T>(method: "GET" | "POST", url: string, payload?: object) => {
    const res = await call(method, url, payload);
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    return res.body as T;
  };
  const hits = (path: string) => receiver.accepted().filter((r) => r.path === path);

  const setup = async (library: string) => {
    rt = await commsRuntime(dialect, { library });
    app = await buildApp(rt, { logger: false, auth: "trust-local" });
  };
  const startWorker = async () => {
    comms = await startJobWorker(rt, {
      linkBase: "http://firebreak.test",
      env: { [HOOK_ENV]: receiver.url },
      pollMs: 50,
    });
  };

  beforeEach(async (ctx) => {
    if (dialect.skip) return ctx.skip(dialect.skip);
    receiver = await startWebhookReceiver();
  });
  afterEach(async () => {
    await comms?.stop();
    comms = undefined;
    await app?.close();
    await receiver?.close();
    await rt?.close();
  });

  it("renders the audience's template, records it, sends it on the audience's channels", async () => {
    await setup(pagingLibrary());
    await startWorker();
    const incident = await ok<Incident>("POST", "/incidents", {
      title: "Worm on FS01",
      type: "malware",
      severity: "emergency",
      commander: "ann",
    });
    const result = await ok<{ text: string; missing: string[]; notifications: unknown[] }>(
      "POST",
      `/incidents/${incident.human_id}/updates`,
      { audience: "executives", summary: "Two file servers encrypted.", impact: "Finance shares" },
    );
    expect(result.text).toContain("**Briefing: Worm on FS01** (severity: Emergency)");
    expect(result.text).toContain("- What happened: Two file servers encrypted.");
    expect(result.text).toContain("- Impact: Finance shares");
    expect(result.text).toContain("Commander: Ann Archer.");
    expect(result.text).toContain("- Clocks: none");
    // `{{update.eta}}` is no placeholder the renderer knows: empty, and reported.
    expect(result.missing).toEqual(["update.eta"]);

    const sent = await waitFor(
      "the update on the executives' channel",
      () => hits("/executives")[0],
    );
    expect(sent.json).toMatchObject({
      kind: "status_update",
      links: {},
      recipient: "channel:exec-hook",
    });
    expect((sent.json as { text: string }).text).toContain("Two file servers encrypted.");

    const updates = await ok<{
      items: { audience: string }[];
      cadence: { audience: string; every: string; next_due_at: string }[];
    }>("GET", `/incidents/${incident.id}/updates`);
    expect(updates.items).toMatchObject([
      { audience: "executives", summary: "Two file servers encrypted." },
    ]);
    const timeline = (
      await ok<{ items: TimelineEntry[] }>("GET", `/incidents/${incident.id}/timeline`)
    ).items;
    const entry = timeline.find((e) => e.kind === "status_update");
    expect(entry?.payload).toMatchObject({ audience: "executives", missing: ["update.eta"] });
    const next = await rt.jobs.list({ status: "pending", kind: "status_update.due" });
    expect(next.map((j) => j.dueAt)).toEqual([updates.cadence[0]?.next_due_at]);
    expect(
      Date.parse(updates.cadence[0]?.next_due_at ?? "") - Date.parse(entry?.recorded_at ?? ""),
    ).toBe(4 * 3_600_000);

    const bad = await call("POST", `/incidents/${incident.id}/updates`, {
      audience: "press",
      summary: "x",
    });
    expect(bad.status).toBe(400);
  });

  it("reminds the commander when an update is due, escalates when missed, and stops on an update", async () => {
    await setup(fastCadenceLibrary());
    await startWorker();
    const incident = await ok<Incident>("POST", "/incidents", {
      title: "Worm on FS01",
      type: "malware",
      severity: "emergency",
    });
    const first = await waitFor("the first reminder", () => hits("/ann")[0], 15_000);
    expect(first.json).toMatchObject({
      kind: "reminder",
      subject: expect.stringContaining("Status update for Executives is due"),
    });
    expect(hits("/dan")).toHaveLength(0);
    await waitFor("the reminder to reach the deputy", () => hits("/dan")[0], 15_000);

    await ok("POST", `/incidents/${incident.id}/updates`, {
      audience: "executives",
      summary: "Contained.",
    });
    const dueEntries = (
      await ok<{ items: TimelineEntry[] }>("GET", `/incidents/${incident.id}/timeline`)
    ).items.filter((e) => e.kind === "status_update.due");
    expect(dueEntries.map((e) => e.payload.level).slice(0, 2)).toEqual([0, 1]);
    const before = hits("/ann").length;
    // The next update is due two seconds after this one, not before.
    await new Promise((r) => setTimeout(r, 1_200));
    expect(hits("/ann")).toHaveLength(before);
  });
});
