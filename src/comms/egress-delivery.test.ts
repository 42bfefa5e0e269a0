import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../test/support/databases.js";
import { settledNotification } from "../../test/support/notifications.js";
import { startWebhookReceiver, type WebhookReceiver } from "../../test/support/webhook-receiver.js";
import { loadConfig } from "../config.js";
import { systemClock } from "../domain/clock.js";
import { DELIVER_NOTIFICATION } from "../jobs/job-kinds.js";
import { JobWorker } from "../jobs/worker.js";
import type { Db } from "../store/connect.js";
import { jobRepo } from "../store/job.repo.js";
import { notificationRepo } from "../store/notification.repo.js";
import { type ChannelSet, createChannels } from "./channels/channels.js";
import {
  deliveryHandler,
  type NotificationDeps,
  sendNotification,
} from "./notification.service.js";
import type { ChannelKind } from "./notification.types.js";

/**
 * Issue 14's "Done when" for egress, end to end: webhook and Slack channels pointed at loopback
 * in several spellings and at the metadata service deliver nothing without the allow-list and
 * record why; FIREBREAK_EGRESS_ALLOW=127.0.0.1 (read by the real config loader) lets the loopback
 * one through.
 */
describe.each(TEST_DIALECTS)("egress-checked deliveries on $name", (dialect) => {
  let db: Db;
  let deps: NotificationDeps;
  let receiver: WebhookReceiver;
  let worker: JobWorker;
  let channels: ChannelSet;

  const start = (allow: string | undefined) => {
    const config = loadConfig({}, allow === undefined ? {} : { FIREBREAK_EGRESS_ALLOW: allow });
    channels = createChannels({ ...config, timeoutMs: 2000 });
    worker = new JobWorker({ store: deps.jobs, pollMs: 20, backoff: { baseMs: 50, maxMs: 100 } });
    worker.handle(DELIVER_NOTIFICATION, deliveryHandler({ ...deps, channels, env: {} }));
    worker.start();
  };
  const send = (target: string, kind: ChannelKind = "webhook") =>
    sendNotification(deps, {
      incidentId: "6f1c0b7e",
      incidentRef: "INC-2026-0007",
      kind: "page",
      channel: { kind, target },
      recipient: "channel:pager",
      subject: "Ransomware on file server",
      body: { text: "Isolate fs01." },
      links: {},
    });
  const settle = (id: string) => settledNotification(deps, id);

  beforeEach(async (ctx) => {
    if (dialect.skip) return ctx.skip(dialect.skip);
    db = await dialect.open();
    deps = { notifications: notificationRepo(db), jobs: jobRepo(db), clock: systemClock };
    receiver = await startWebhookReceiver();
  });
  afterEach(async () => {
    await worker?.stop();
    await channels?.close();
    await receiver?.close();
    await db?.close();
  });

  it("delivers nothing to loopback or metadata without the allow-list, and records why", async () => {
    start(undefined);
    const port = new URL(receiver.url).port;
    const cases: [string, ChannelKind, RegExp][] = [
      [`http://127.0.0.1:${port}/`, "webhook", /127\.0\.0\.1 is not public \(loopback\)/],
      [`http://0x7f000001:${port}/`, "webhook", /127\.0\.0\.1 is not public \(loopback\)/],
      [`http://[::ffff:127.0.0.1]:${port}/`, "webhook", /leads to 127\.0\.0\.1.*loopback/],
      [`http://localhost:${port}/`, "slack", /localhost refused: .*loopback/],
      ["http://169.254.169.254/latest/meta-data/", "webhook", /cloud metadata address/],
    ];
    for (const [target, kind, why] of cases) {
      const done = await settle((await send(target, kind)).id);
      // Refused is configuration: failed at once, not retried for a quarter of an hour.
      expect(done, target).toMatchObject({ status: "failed", attempts: 1 });
      expect(done.lastError).toMatch(why);
      expect(done.lastError).toContain("FIREBREAK_EGRESS_ALLOW");
      expect(done.deliveries).toEqual([
        expect.objectContaining({ outcome: "failed", httpStatus: null, detail: null }),
      ]);
      expect(done.deliveries[0]?.error).toMatch(why);
    }
    expect(receiver.requests).toHaveLength(0);
  });

  it("delivers to loopback with FIREBREAK_EGRESS_ALLOW=127.0.0.1, logging status and time only", async () => {
    start("127.0.0.1");
    const done = await settle((await send(`${receiver.url}/pager`)).id);
    expect(done).toMatchObject({ status: "sent", attempts: 1 });
    expect(done.deliveries).toEqual([
      expect.objectContaining({ outcome: "sent", httpStatus: 200, detail: null, error: null }),
    ]);
    expect(done.deliveries[0]?.durationMs).toBeGreaterThanOrEqual(0);
    expect(receiver.accepted().map((r) => r.path)).toEqual(["/pager"]);

    // The allow-list names 127.0.0.1, not the metadata service nor other private ranges.
    const meta = await settle((await send("http://169.254.169.254/")).id);
    expect(meta.lastError).toMatch(/cloud metadata/);
    const lan = await settle((await send("http://10.0.0.1/")).id);
    expect(lan.lastError).toMatch(/10\.0\.0\.1 is not public \(private\)/);
  });
});
