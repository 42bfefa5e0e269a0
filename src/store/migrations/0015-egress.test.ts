import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../../test/support/databases.js";
import { NewNotification } from "../../comms/notification.types.js";
import type { Db } from "../connect.js";
import { notificationRepo } from "../notification.repo.js";
import { up } from "./0015-egress.js";

const LEAK = "aws_secret_access_key=wJalrXUtnFEMI/K7MDENG";

describe.each(TEST_DIALECTS)("migration 0015-egress on $name", (dialect) => {
  let db: Db;
  beforeEach(async (ctx) => {
    if (dialect.skip) return ctx.skip(dialect.skip);
    db = await dialect.open();
  });
  afterEach(async () => {
    await db?.close();
  });

  it("drops what webhook and Slack receivers answered, keeping status and timing; e-mail keeps its SMTP reply", async () => {
    const repo = notificationRepo(db);
    const at = new Date("2026-03-02T09:00:00Z");
    const make = (kind: "webhook" | "slack" | "email", target: string) =>
      repo.create(
        NewNotification.parse({
          kind: "page",
          channel: { kind, target },
          subject: "Page",
          body: { text: "x" },
        }),
        at,
      );
    const hook = await make("webhook", "http://169.254.169.254/latest/meta-data/");
    await repo.recordAttempt(hook.id, {
      at,
      outcome: "failed",
      error: `HTTP 404 Not Found: ${LEAK}`,
      httpStatus: 404,
      durationMs: 12,
      final: false,
    });
    await repo.recordAttempt(hook.id, {
      at,
      outcome: "failed",
      error: `HTTP 500 Internal Server Error: ${LEAK}`,
      httpStatus: 500,
      durationMs: 15,
      final: true,
    });
    const slack = await make("slack", "https://hooks.example.org/x");
    await repo.recordAttempt(slack.id, {
      at,
      outcome: "sent",
      httpStatus: 200,
      detail: LEAK,
      durationMs: 20,
      final: true,
    });
    const mail = await make("email", "ann@example.org");
    await repo.recordAttempt(mail.id, {
      at,
      outcome: "sent",
      detail: "250 2.0.0 Ok: queued as 4F2",
      durationMs: 30,
      final: true,
    });

    await up(db.kysely as never);
    await up(db.kysely as never);

    const log = await repo.deliveries([hook.id, slack.id, mail.id]);
    expect(JSON.stringify([...log.values()])).not.toContain("wJalrXUtnFEMI");
    expect(log.get(hook.id)?.map((d) => [d.error, d.httpStatus, d.durationMs])).toEqual([
      ["HTTP 404", 404, 12],
      ["HTTP 500", 500, 15],
    ]);
    expect(log.get(slack.id)?.[0]).toMatchObject({ detail: null, httpStatus: 200 });
    expect(log.get(mail.id)?.[0]?.detail).toBe("250 2.0.0 Ok: queued as 4F2");
    expect((await repo.get(hook.id))?.lastError).toBe("HTTP 500");
  });
});
