// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${env:NAME}` in plain strings is what the server prints.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startServer } from "../support/serve.js";

/** What `firebreak serve` says at start about the plan in force's channels. */
describe("firebreak serve and channels that cannot deliver", () => {
  const dir = mkdtempSync(join(tmpdir(), "fb-serve-channels-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // Nothing of the built-in plan's channels is configured unless a test says so.
  const unset = {
    FIREBREAK_SMTP_URL: "",
    FIREBREAK_SLACK_WEBHOOK: "",
    FIREBREAK_PAGER_WEBHOOK: "",
    FIREBREAK_INTRANET_WEBHOOK: "",
    FIREBREAK_STATUSPAGE_WEBHOOK: "",
    FIREBREAK_EGRESS_ALLOW: "",
  };

  it("warns once, naming each channel and why, and then only those still refused once configured", async () => {
    const bare = await startServer(["--data-dir", join(dir, "data")], unset);
    await bare.stop();
    const warnings = bare.output().match(/cannot deliver, so pages and updates/g) ?? [];
    expect(warnings).toHaveLength(1);
    expect(bare.output()).toContain("8 channel(s) of the plan in force cannot deliver");
    expect(bare.output()).toContain(
      "channel ir-war-room (slack) cannot deliver: channel target ${env:FIREBREAK_SLACK_WEBHOOK} needs environment variable FIREBREAK_SLACK_WEBHOOK, which is not set",
    );
    expect(bare.output()).toContain(
      "channel ir-team-email (email) cannot deliver: e-mail is not configured (set FIREBREAK_SMTP_URL)",
    );

    const ready = await startServer(["--data-dir", join(dir, "data")], {
      ...unset,
      FIREBREAK_SMTP_URL: "smtp://127.0.0.1:2525",
      FIREBREAK_SLACK_WEBHOOK: "https://hooks.slack.com/services/T/B/x",
      FIREBREAK_PAGER_WEBHOOK: "https://pager.example.com/hook",
      FIREBREAK_INTRANET_WEBHOOK: "https://intranet.example.com/banner",
      FIREBREAK_STATUSPAGE_WEBHOOK: "http://10.0.0.5/status",
    });
    await ready.stop();
    expect(ready.output()).toContain(
      "1 channel(s) of the plan in force cannot deliver, so pages and updates through them will fail: channel status-page (webhook) cannot deliver: the egress rules refuse it: 10.0.0.5 is not public (private)",
    );
  });
});
