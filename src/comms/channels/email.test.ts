import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../../test/support/databases.js";
import { settledNotification } from "../../../test/support/notifications.js";
import { startSmtpServer, type TestSmtpServer } from "../../../test/support/smtp-server.js";
import { loadConfig } from "../../config.js";
import { systemClock } from "../../domain/clock.js";
import { DELIVER_NOTIFICATION } from "../../jobs/job-kinds.js";
import { JobWorker } from "../../jobs/worker.js";
import { runtimeFor } from "../../runtime.js";
import type { Db } from "../../store/connect.js";
import { jobRepo } from "../../store/job.repo.js";
import { notificationRepo } from "../../store/notification.repo.js";
import {
  deliveryHandler,
  type NotificationDeps,
  sendNotification,
} from "../notification.service.js";
import type { NewNotification } from "../notification.types.js";
import { type ChannelSet, createChannels } from "./channels.js";

const ACK = "https://firebreak.example.org/api/v1/ack/7d1e-one-time-token?sig=a1b2c3";

function mailPage(overrides: Partial<NewNotification> = {}): NewNotification {
  return {
    incidentId: "0b5f3a",
    incidentRef: "INC-2026-0042",
    kind: "page",
    channel: { kind: "email", target: "ann@example.org, bob@example.org" },
    recipient: "role:commander",
    subject: "Data breach: customer database exposed",
    body: { text: "A public bucket holds a customer export.\nRevoke access first." },
    severity: "disaster",
    phase: "containment",
    links: { ack: ACK, incident: "https://firebreak.example.org/incidents/0b5f3a" },
    ...overrides,
  };
}

describe.each(TEST_DIALECTS)("e-mail notifications on $name", (dialect) => {
  let db: Db;
  let deps: NotificationDeps;
  let smtp: TestSmtpServer;
  let channels: ChannelSet;
  let worker: JobWorker;

  const settle = (id: string) => settledNotification(deps, id);

  beforeEach(async (ctx) => {
    if (dialect.skip) return ctx.skip(dialect.skip);
    db = await dialect.open();
    deps = { notifications: notificationRepo(db), jobs: jobRepo(db), clock: systemClock };
    smtp = await startSmtpServer();
    channels = createChannels({ smtpUrl: smtp.url, mailFrom: "Firebreak <firebreak@localhost>" });
    worker = new JobWorker({ store: deps.jobs, pollMs: 20, backoff: { baseMs: 50, maxMs: 200 } });
    worker.handle(DELIVER_NOTIFICATION, deliveryHandler({ ...deps, channels, env: {} }));
    worker.start();
  });
  afterEach(async () => {
    await worker?.stop();
    await channels?.close();
    await smtp?.close();
    await db?.close();
  });

  it("delivers a page whose subject has the incident and severity and whose body has the ack link", async () => {
    const sent = await sendNotification(deps, mailPage());
    const done = await settle(sent.id);
    expect(done).toMatchObject({ status: "sent", attempts: 1 });
    expect(done.deliveries[0]?.detail).toMatch(/^250/);

    expect(smtp.messages).toHaveLength(1);
    const [mail] = smtp.messages;
    expect(mail?.to).toEqual(["ann@example.org", "bob@example.org"]);
    expect(mail?.from).toBe("firebreak@localhost");
    expect(mail?.subject).toBe("[disaster] INC-2026-0042: Data breach: customer database exposed");
    expect(mail?.headers["message-id"]).toBe(`<${sent.id}@firebreak>`);
    expect(mail?.headers["x-firebreak-incident"]).toBe("INC-2026-0042");
    expect(mail?.headers["auto-submitted"]).toBe("auto-generated");
    expect(mail?.headers["x-auto-response-suppress"]).toBe("All");
    expect(mail?.text).toContain(`Acknowledge: ${ACK}`);
    expect(mail?.text).toContain("Severity: disaster");
    expect(mail?.html).toContain(`<a href="${ACK.replace("&", "&amp;")}">Acknowledge</a>`);
  });

  it("prefixes the subject and heads the body with EXERCISE for an exercise", async () => {
    const sent = await sendNotification(deps, mailPage({ labels: ["EXERCISE"] }));
    await settle(sent.id);
    const [mail] = smtp.messages;
    expect(mail?.subject).toMatch(/^\[EXERCISE\] \[disaster\] INC-2026-0042: /);
    expect(mail?.text).toMatch(/^\*\*\* EXERCISE — this is a drill/);
    expect(mail?.html).toContain("EXERCISE — this is a drill");
    expect(mail?.headers["x-firebreak-exercise"]).toBe("true");
  });

  it("retries after a temporary SMTP refusal and logs the SMTP error", async () => {
    smtp.failNext(1);
    const sent = await sendNotification(deps, mailPage());
    const done = await settle(sent.id);
    expect(done).toMatchObject({ status: "sent", attempts: 2 });
    expect(done.deliveries.map((d) => d.outcome)).toEqual(["failed", "sent"]);
    expect(done.deliveries[0]?.error).toMatch(/^SMTP: .*451/);
    expect(smtp.messages).toHaveLength(1);
  });

  it("fails at once, visibly, when no SMTP server is configured", async () => {
    const unconfigured = createChannels({ mailFrom: "firebreak@localhost" });
    await worker.stop();
    worker = new JobWorker({ store: deps.jobs, pollMs: 20 });
    worker.handle(
      DELIVER_NOTIFICATION,
      deliveryHandler({ ...deps, channels: unconfigured, env: {} }),
    );
    worker.start();
    const sent = await sendNotification(deps, mailPage());
    expect(await settle(sent.id)).toMatchObject({
      status: "failed",
      attempts: 1,
      lastError: "e-mail is not configured: set FIREBREAK_SMTP_URL",
    });
  });
  it("wires up from configuration and the Runtime, as the server will", async () => {
    const config = loadConfig(
      { logLevel: "silent" },
      { FIREBREAK_SMTP_URL: smtp.url, FIREBREAK_MAIL_FROM: "ir@example.org" },
    );
    const rt = runtimeFor(config, db, systemClock);
    const fromConfig = createChannels(rt.config);
    await worker.stop();
    worker = new JobWorker({ store: rt.jobs, clock: rt.clock, pollMs: 20 });
    worker.handle(DELIVER_NOTIFICATION, deliveryHandler({ ...rt, channels: fromConfig, env: {} }));
    worker.start();
    try {
      const sent = await sendNotification(rt, mailPage());
      expect(await settle(sent.id)).toMatchObject({ status: "sent" });
      expect(smtp.messages[0]?.from).toBe("ir@example.org");
    } finally {
      await worker.stop();
      await fromConfig.close();
    }
  });
});
