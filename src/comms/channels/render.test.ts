import { describe, expect, it } from "vitest";
import { samplePage } from "../../../test/support/notifications.js";
import { htmlBody, plainText, subjectLine } from "./render.js";
import { markdownToMrkdwn, slackMessage } from "./slack.js";
import { signWebhook, verifyWebhookSignature, webhookPayload } from "./webhook.js";

const notification = samplePage;

describe("rendering", () => {
  it("leads the subject with severity and the incident's human id", () => {
    expect(subjectLine(notification())).toBe(
      "[emergency] INC-2026-0007: Ransomware on file server",
    );
    expect(subjectLine(notification({ incidentRef: null, severity: null }))).toBe(
      "6f1c: Ransomware on file server",
    );
  });

  it("lists facts, body and links, acknowledgement first, in text and HTML", () => {
    const text = plainText(notification());
    expect(text).toContain("Incident: INC-2026-0007\nSeverity: emergency\nPhase: containment");
    expect(text.indexOf("Acknowledge: https://fb.example.org/ack/t0k")).toBeLessThan(
      text.indexOf("Open incident:"),
    );
    const html = htmlBody(
      notification({ subject: "<b>", body: { text: "a < b", html: null, markdown: null } }),
    );
    expect(html).toContain("<p>a &lt; b</p>");
    expect(html).toContain('<a href="https://fb.example.org/ack/t0k">Acknowledge</a>');
  });

  it("marks an exercise on every channel, by label (any case) or by kind", () => {
    for (const n of [notification({ labels: ["Exercise"] }), notification({ kind: "exercise" })]) {
      expect(subjectLine(n)).toMatch(/^\[EXERCISE\] /);
      expect(plainText(n)).toMatch(/^\*\*\* EXERCISE/);
      expect(htmlBody(n)).toContain("EXERCISE — this is a drill");
      const slack = slackMessage(n) as { blocks: { type: string }[] };
      expect(JSON.stringify(slack.blocks[0])).toContain("[EXERCISE]");
      expect(slack.blocks[1]?.type).toBe("context");
      expect(webhookPayload(n, 1)).toMatchObject({ exercise: true, subject: subjectLine(n) });
    }
    expect(webhookPayload(notification(), 1).exercise).toBe(false);
  });

  it("builds Block Kit: header, incident fields, body, acknowledge button", () => {
    const msg = slackMessage(notification()) as { text: string; blocks: Record<string, unknown>[] };
    expect(msg.text).toBe(subjectLine(notification()));
    expect(msg.blocks.map((b) => b.type)).toEqual(["header", "section", "section", "actions"]);
    expect(msg.blocks[1]).toMatchObject({
      fields: [
        { text: "*Incident*\nINC-2026-0007" },
        { text: "*Severity*\nemergency" },
        { text: "*Phase*\ncontainment" },
      ],
    });
    expect(msg.blocks[3]).toMatchObject({
      elements: [
        { text: { text: "Acknowledge" }, url: "https://fb.example.org/ack/t0k", style: "primary" },
        { text: { text: "Open incident" } },
      ],
    });
    expect(markdownToMrkdwn("**Now** see [runbook](https://x.org/a?b=1&c=2) <tag>")).toBe(
      "*Now* see <https://x.org/a?b=1&c=2|runbook> &lt;tag&gt;",
    );
  });

  it("signs timestamp and body so a receiver can verify both", () => {
    const body = JSON.stringify({ a: 1 });
    const now = new Date("2026-03-02T09:00:00Z");
    const ts = now.getTime() / 1000;
    const signature = signWebhook("0123456789abcdef", ts, body);
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    const request = { timestamp: String(ts), signature, body };
    expect(verifyWebhookSignature("0123456789abcdef", request, now)).toBe(true);
    expect(verifyWebhookSignature("another-secret-value", request, now)).toBe(false);
    expect(verifyWebhookSignature("0123456789abcdef", { ...request, body: "{}" }, now)).toBe(false);
    expect(
      verifyWebhookSignature("0123456789abcdef", { ...request, timestamp: String(ts + 1) }, now),
    ).toBe(false);
    const later = new Date(now.getTime() + 301_000);
    expect(verifyWebhookSignature("0123456789abcdef", request, later)).toBe(false);
  });
});
