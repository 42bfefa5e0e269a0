// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${env:NAME}` in plain strings is the syntax under test.
import { describe, expect, it } from "vitest";
import { readiness } from "../../src/preparation/readiness.service.js";
import type { Runtime } from "../../src/runtime.js";
import { TEST_DIALECTS } from "../support/databases.js";
import { runtimePerTest } from "../support/runtime.js";

describe.each(TEST_DIALECTS)("readiness counts channels that cannot deliver ($name)", (dialect) => {
  let rt: Runtime;
  runtimePerTest(dialect, {}, (r) => {
    rt = r;
  });
  const channels = async (deps: Runtime) =>
    (await readiness(deps)).components.find((c) => c.id === "channels");

  it("names each channel and why on a default deployment, and recovers once they are set up", async () => {
    // The built-in plan on a deployment with no SMTP and none of its webhook variables set.
    const bare = { ...rt, env: {}, config: { ...rt.config, smtpUrl: undefined } };
    const before = await channels(bare);
    expect(before).toMatchObject({
      score: 0,
      status: "failing",
      summary: "0 of 8 channels can deliver",
    });
    const reasons = before?.reasons.join("\n") ?? "";
    expect(reasons).toContain(
      "channel ir-war-room (slack) cannot deliver: channel target ${env:FIREBREAK_SLACK_WEBHOOK} needs environment variable FIREBREAK_SLACK_WEBHOOK, which is not set",
    );
    expect(reasons).toContain(
      "channel ir-team-email (email) cannot deliver: e-mail is not configured (set FIREBREAK_SMTP_URL)",
    );
    expect(reasons).toMatch(/audience .* \(executives\) has no channel that can deliver/);

    const ready = {
      ...rt,
      config: { ...rt.config, smtpUrl: "smtp://127.0.0.1:2525" },
      env: {
        FIREBREAK_SLACK_WEBHOOK: "https://hooks.slack.com/services/T/B/x",
        FIREBREAK_PAGER_WEBHOOK: "https://pager.example.com/hook",
        FIREBREAK_INTRANET_WEBHOOK: "https://intranet.example.com/banner",
        // Private: refused by the egress rules unless allowed.
        FIREBREAK_STATUSPAGE_WEBHOOK: "http://10.0.0.5/status",
      },
    };
    const after = await channels(ready);
    expect(after).toMatchObject({ score: 8.8, status: "warning" });
    expect(after?.reasons).toEqual([
      "channel status-page (webhook) cannot deliver: the egress rules refuse it: 10.0.0.5 is not public (private); FIREBREAK_EGRESS_ALLOW can let it in",
    ]);
    const allowed = { ...ready, config: { ...ready.config, egressAllow: ["10.0.0.0/8"] } };
    expect(await channels(allowed)).toMatchObject({ score: 10, status: "ok", reasons: [] });
    expect((await readiness(allowed)).score).toBeGreaterThan((await readiness(bare)).score);
  });
});
