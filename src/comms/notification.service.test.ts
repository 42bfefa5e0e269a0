// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${env:NAME}` targets are under test.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../test/support/databases.js";
import { settledNotification } from "../../test/support/notifications.js";
import { waitFor } from "../../test/support/wait.js";
import { startWebhookReceiver, type WebhookReceiver } from "../../test/support/webhook-receiver.js";
import { systemClock } from "../domain/clock.js";
import { DELIVER_NOTIFICATION } from "../jobs/job-kinds.js";
import { JobWorker } from "../jobs/worker.js";
import type { Db } from "../store/connect.js";
import { jobRepo } from "../store/job.repo.js";
import { notificationRepo } from "../store/notification.repo.js";
import { createChannels } from "./channels/channels.js";
import {
  deliveryHandler,
  listNotifications,
  type NotificationDeps,
  resumeNotificationDelivery,
  sendNotification,
} from "./notification.service.js";
import type { NewNotification } from "./notification.types.js";

const SECRET = "test-secret-0123456789";

/** A page to the receiver, as the escalation engine would write it. */
function page(target: string, overrides: Partial<NewNotification> = {}): NewNotification {
  return {
    incidentId: "6f1c0b7e",
    incidentRef: "INC-2026-0007",
    kind: "page",
    channel: { kind: "webhook", target },
    recipient: "role:commander",
    subject: "Ransomware on file server",
    body: { text: "Encrypted shares on fs01. Isolate now." },
    severity: "emergency",
    phase: "detection",
    links: { ack: "https://fb.example.org/ack/one-time-token" },
    ...overrides,
  };
}

describe.each(TEST_DIALECTS)("notifications on $name", (dialect) => {
  let db: Db;
  let deps: NotificationDeps;
  let receiver: WebhookReceiver;
  let worker: JobWorker;
  const env: Record<string, string> = {};

  const settle = (id: string) => settledNotification(deps, id);

  beforeEach(async (ctx) => {
    if (dialect.skip) return ctx.skip(dialect.skip);
    db = await dialect.open();
    deps = { notifications: notificationRepo(db), jobs: jobRepo(db), clock: systemClock };
    receiver = await startWebhookReceiver({ secret: SECRET });
    env.HOOK_URL = `${receiver.url}/hooks/firebreak`;
    // The receiver is on loopback, which outgoing requests may reach only when allowed.
    const channels = createChannels({
      mailFrom: "firebreak@localhost",
      webhookSecret: SECRET,
      egressAllow: ["127.0.0.1"],
    });
    worker = new JobWorker({ store: deps.jobs, pollMs: 20, backoff: { baseMs: 50, maxMs: 200 } });
    worker.handle(DELIVER_NOTIFICATION, deliveryHandler({ ...deps, channels, env }));
  });
  afterEach(async () => {
    await worker?.stop();
    await receiver?.close();
    await db?.close();
  });

  it("posts a signed JSON webhook the receiver can verify, and logs the delivery", async () => {
    worker.start();
    const sent = await sendNotification(deps, page(`${receiver.url}/hook`));
    expect(sent.status).toBe("pending");
    const done = await settle(sent.id);

    expect(done).toMatchObject({ status: "sent", attempts: 1, lastError: null });
    expect(done.deliveries).toEqual([
      expect.objectContaining({ attempt: 1, outcome: "sent", httpStatus: 200, error: null }),
    ]);
    const [request] = receiver.requests;
    expect(request?.verified).toBe(true);
    expect(request?.headers["x-firebreak-delivery"]).toBe(sent.id);
    expect(request?.json).toMatchObject({
      type: "firebreak.notification",
      id: sent.id,
      exercise: false,
      incident: { id: "6f1c0b7e", ref: "INC-2026-0007", severity: "emergency", phase: "detection" },
      subject: "[emergency] INC-2026-0007: Ransomware on file server",
      links: { ack: "https://fb.example.org/ack/one-time-token" },
      attempt: 1,
    });
  });

  it("retries with backoff when the receiver fails, logging every attempt", async () => {
    receiver.failNext(2, 503);
    worker.start();
    const sent = await sendNotification(deps, page(`${receiver.url}/hook`));
    const done = await settle(sent.id);

    expect(done).toMatchObject({ status: "sent", attempts: 3 });
    expect(done.deliveries.map((d) => [d.attempt, d.outcome, d.httpStatus])).toEqual([
      [1, "failed", 503],
      [2, "failed", 503],
      [3, "sent", 200],
    ]);
    expect(done.deliveries[0]?.error).toMatch(/^HTTP 503/);
    const times = receiver.requests.map((r) => Number(r.headers["x-firebreak-attempt"]));
    expect(times).toEqual([1, 2, 3]);
  });

  it("never drops a notification silently: after the last attempt it is failed and visible", async () => {
    receiver.failNext(100, 500);
    worker.start();
    const sent = await sendNotification(deps, page(`${receiver.url}/hook`), { maxAttempts: 3 });
    const done = await settle(sent.id);

    expect(done).toMatchObject({ status: "failed", attempts: 3, sentAt: null });
    expect(done.lastError).toMatch(/^HTTP 500/);
    expect(done.deliveries).toHaveLength(3);
    expect(await deps.notifications.list({ status: "failed" })).toHaveLength(1);
    // The job is recorded just after the handler marked the notification: wait for it.
    const job = await waitFor("the delivery job to fail", async () =>
      (await deps.jobs.list({ kind: DELIVER_NOTIFICATION, status: "failed" })).at(0),
    );
    expect(job.attempts).toBe(3);
  });

  it("reads ${env:NAME} targets at delivery, stores them unresolved, and fails at once when unset", async () => {
    worker.start();
    const ok = await sendNotification(deps, page("${env:HOOK_URL}"));
    const missing = await sendNotification(deps, page("${env:NOT_SET_ANYWHERE}"));
    const sms = await sendNotification(
      deps,
      page("+15550100", { channel: { kind: "sms", target: "+15550100" } }),
    );

    expect(await settle(ok.id)).toMatchObject({
      status: "sent",
      channel: { target: "${env:HOOK_URL}" },
    });
    expect(receiver.requests[0]?.path).toBe("/hooks/firebreak");
    const unset = await settle(missing.id);
    expect(unset).toMatchObject({ status: "failed", attempts: 1 });
    expect(unset.lastError).toMatch(/NOT_SET_ANYWHERE/);
    expect(await settle(sms.id)).toMatchObject({
      status: "failed",
      attempts: 1,
      lastError: "no transport for sms channels",
    });
  });

  it("sends Block Kit to a Slack-compatible webhook, marked EXERCISE when labelled", async () => {
    const slack = await startWebhookReceiver();
    try {
      worker.start();
      const sent = await sendNotification(
        deps,
        page(slack.url, { channel: { kind: "slack", target: slack.url }, labels: ["exercise"] }),
      );
      expect(await settle(sent.id)).toMatchObject({ status: "sent", attempts: 1 });
      const body = slack.requests[0]?.json as { text: string; blocks: Record<string, unknown>[] };
      expect(body.text).toBe("[EXERCISE] [emergency] INC-2026-0007: Ransomware on file server");
      expect(body.blocks.map((b) => b.type)).toEqual([
        "header",
        "context",
        "section",
        "section",
        "actions",
      ]);
      expect(JSON.stringify(body.blocks[4])).toContain("https://fb.example.org/ack/one-time-token");
    } finally {
      await slack.close();
    }
  });

  it("resumes delivery of notifications recorded but never scheduled (a crash in between)", async () => {
    const parsed = { ...page(`${receiver.url}/hook`), links: {}, labels: [] };
    const stranded = await deps.notifications.create(parsed, new Date());
    expect(await resumeNotificationDelivery(deps)).toBe(1);
    expect(await resumeNotificationDelivery(deps)).toBe(0);
    worker.start();
    expect(await settle(stranded.id)).toMatchObject({ status: "sent", attempts: 1 });
  });

  it("lists an incident's notifications with their delivery log, and rejects bad input", async () => {
    worker.start();
    const a = await sendNotification(deps, page(`${receiver.url}/a`));
    await sendNotification(deps, page(`${receiver.url}/b`, { incidentId: "other" }));
    await settle(a.id);
    const listed = await listNotifications(deps, { incidentId: "6f1c0b7e" });
    expect(listed.map((n) => [n.id, n.deliveries.length])).toEqual([[a.id, 1]]);

    await expect(
      sendNotification(deps, page("not a url", { subject: " ", links: { ack: "javascript:x" } })),
    ).rejects.toMatchObject({
      code: "invalid_input",
      details: expect.arrayContaining([expect.objectContaining({ path: "links.ack" })]),
    });
  });
});
