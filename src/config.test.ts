import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

describe("configuration", () => {
  it("defaults to the embedded database on 127.0.0.1:8080", () => {
    const c = loadConfig({}, {});
    expect(c.port).toBe(8080);
    expect(c.host).toBe("127.0.0.1");
    expect(c.databaseUrl).toBeUndefined();
    expect(c.dataDir).toMatch(/data$/);
    expect(Object.isFrozen(c)).toBe(true);
  });

  it("lets flags win over the environment", () => {
    expect(loadConfig({ port: "9000" }, { PORT: "7000" }).port).toBe(9000);
    expect(loadConfig({}, { PORT: "7000" }).port).toBe(7000);
    expect(loadConfig({ rules: ["b"] }, { FIREBREAK_RULES: "a:c" }).rules).toEqual(["a", "c", "b"]);
  });

  it("runs the event retention hourly unless FIREBREAK_EVENT_RETENTION_INTERVAL says otherwise", () => {
    expect(loadConfig({}, {}).eventRetentionInterval).toBe("PT1H");
    expect(
      loadConfig({}, { FIREBREAK_EVENT_RETENTION_INTERVAL: "PT5M" }).eventRetentionInterval,
    ).toBe("PT5M");
    for (const [value, problem] of [
      ["hourly", /FIREBREAK_EVENT_RETENTION_INTERVAL \("hourly"\): must be an ISO 8601 duration/],
      ["PT0.5S", /FIREBREAK_EVENT_RETENTION_INTERVAL \("PT0.5S"\): must be at least PT1S/],
    ] as const)
      expect(() => loadConfig({}, { FIREBREAK_EVENT_RETENTION_INTERVAL: value })).toThrow(problem);
  });

  it("matches events on every core but the server's own unless FIREBREAK_DETECTION_THREADS says", () => {
    expect(loadConfig({}, {}).detectionThreads).toBe(Math.max(0, availableParallelism() - 1));
    expect(loadConfig({}, { FIREBREAK_DETECTION_THREADS: "0" }).detectionThreads).toBe(0);
    expect(loadConfig({}, { FIREBREAK_DETECTION_THREADS: "3" }).detectionThreads).toBe(3);
    for (const [value, problem] of [
      ["two", /FIREBREAK_DETECTION_THREADS \("two"\): must be a number/],
      ["1.5", /FIREBREAK_DETECTION_THREADS \("1.5"\): must be a whole number/],
      ["-1", /FIREBREAK_DETECTION_THREADS \("-1"\): must be 0 \(no worker threads\) or more/],
    ] as const)
      expect(() => loadConfig({}, { FIREBREAK_DETECTION_THREADS: value })).toThrow(problem);
  });

  it("lists every problem at once", () => {
    try {
      loadConfig({}, { PORT: "abc", DATABASE_URL: "mysql://x", LOG_LEVEL: "loud" });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const problems = (e as ConfigError).problems;
      expect(problems).toHaveLength(3);
      expect(problems[0]).toMatch(/^PORT \("abc"\)/);
      expect(problems.join("\n")).toMatch(/DATABASE_URL.*postgres/);
    }
  });
  it("reads the notification settings and never repeats a secret in an error", () => {
    const c = loadConfig(
      { mailFrom: "IR <ir@example.org>" },
      {
        FIREBREAK_SMTP_URL: "smtp://127.0.0.1:2525",
        FIREBREAK_MAIL_FROM: "ignored@example.org",
        FIREBREAK_WEBHOOK_SECRET: "0123456789abcdef",
      },
    );
    expect(c).toMatchObject({
      smtpUrl: "smtp://127.0.0.1:2525",
      mailFrom: "IR <ir@example.org>",
      webhookSecret: "0123456789abcdef",
    });
    expect(loadConfig({}, {}).mailFrom).toBe("firebreak@localhost");
    try {
      loadConfig(
        {},
        { FIREBREAK_SMTP_URL: "http://u:hunter2@x", FIREBREAK_WEBHOOK_SECRET: "short" },
      );
      expect.unreachable();
    } catch (e) {
      const text = (e as ConfigError).problems.join("\n");
      expect(text).toMatch(/FIREBREAK_SMTP_URL \(redacted\): must be an smtp/);
      expect(text).toMatch(/FIREBREAK_WEBHOOK_SECRET \(redacted\): must be at least 16/);
      expect(text).not.toMatch(/hunter2|short/);
    }
  });

  it("reads FIREBREAK_EGRESS_ALLOW as a comma list and refuses a malformed entry at start", () => {
    expect(
      loadConfig({}, { FIREBREAK_EGRESS_ALLOW: " 127.0.0.1, chat.corp.internal ,10.20.0.0/16" })
        .egressAllow,
    ).toEqual(["127.0.0.1", "chat.corp.internal", "10.20.0.0/16"]);
    expect(() => loadConfig({}, { FIREBREAK_EGRESS_ALLOW: "10.0.0.0/33" })).toThrow(
      /FIREBREAK_EGRESS_ALLOW .*'10\.0\.0\.0\/33' has a bad prefix length/,
    );
  });
});
