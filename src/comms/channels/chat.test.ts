import { afterEach, describe, expect, it } from "vitest";
import { samplePage } from "../../../test/support/notifications.js";
import {
  startWebhookReceiver,
  type WebhookReceiver,
} from "../../../test/support/webhook-receiver.js";
import type { ChannelKind, Notification } from "../notification.types.js";
import { createChannels } from "./channels.js";
import { defuseLinks, defuseMentions, NEUTRAL_COLOUR, severityColour } from "./chat-attachment.js";
import { mattermostMessage } from "./mattermost.js";
import { rocketChatMessage } from "./rocketchat.js";
import { slackMessage } from "./slack.js";

/** A page whose incident data tries mentions and link syntax on every chat. */
const notification = (overrides: Partial<Notification> = {}): Notification =>
  samplePage({
    channel: { kind: "mattermost", target: "http://x", id: null },
    recipient: "channel:ir",
    subject: "<!channel> Ransomware <@U024BE7LH> & <https://evil.example|click>",
    body: { text: "Isolate fs01 now. Ping @here and ops@example.org.", html: null, markdown: null },
    links: { incident: "https://fb.example.org/i/6f1c", ack: "https://fb.example.org/ack/v1.t0k" },
    ...overrides,
  });

/** Attachment fields Mattermost documents for incoming webhooks (message attachments). */
const MATTERMOST_FIELDS = [
  "fallback",
  "color",
  "pretext",
  "text",
  "author_name",
  "author_link",
  "author_icon",
  "title",
  "title_link",
  "fields",
  "image_url",
  "thumb_url",
  "footer",
  "footer_icon",
];
/** Attachment fields Rocket.Chat documents for incoming webhooks. */
const ROCKETCHAT_FIELDS = [
  "color",
  "text",
  "ts",
  "thumb_url",
  "message_link",
  "collapsed",
  "author_name",
  "author_link",
  "author_icon",
  "title",
  "title_link",
  "title_link_download",
  "image_url",
  "audio_url",
  "video_url",
  "fields",
];

describe("chat messages", () => {
  it("colour a severity by its place on the plan's scale, whatever its name", () => {
    const four = ["inconvenience", "emergency", "disaster", "catastrophe"];
    expect(severityColour("inconvenience", four)).toBe("#20b620");
    expect(severityColour("catastrophe", four)).toBe("#b62020");
    const own = ["p4", "p3", "p2", "p1"];
    expect(severityColour("p2", own)).toBe(severityColour("disaster", four));
    expect(severityColour("p1", ["p1"])).toBe("#b62020");
    expect(severityColour("unknown", four)).toBe(NEUTRAL_COLOUR);
    expect(severityColour(null, four)).toBe(NEUTRAL_COLOUR);
    expect(severityColour("p1", undefined)).toBe(NEUTRAL_COLOUR);
  });

  it("defuse mentions but leave addresses and URLs alone", () => {
    expect(defuseMentions("@channel @all (@here) @ann")).toBe(
      "@\u200bchannel @\u200ball (@\u200bhere) @\u200bann",
    );
    expect(defuseMentions("ops@example.org https://x.org/@ann a @ b")).toBe(
      "ops@example.org https://x.org/@ann a @ b",
    );
  });

  it("break every Markdown and Rocket.Chat link form in incident data, and nothing else", () => {
    expect(
      defuseLinks("[Reset password](https://evil.example) [x][1] [1]: https://evil.example"),
    ).toBe(
      "[Reset password]\u200b(https://evil.example) [x]\u200b[1] [1]\u200b: https://evil.example",
    );
    expect(defuseLinks("<https://evil.example|Open incident>")).toBe(
      "<\u200bhttps://evil.example|Open incident>",
    );
    expect(defuseLinks("[INC-7] a < b, f(x) = 1")).toBe("[INC-7] a < b, f(x) = 1");
  });

  it("Mattermost and Rocket.Chat: a disguised link in incident data arrives as text", () => {
    const bait = "[Acknowledge](https://evil.example/ack)";
    const n = notification({
      subject: `Ransomware ${bait}`,
      body: {
        text: `Details: ${bait} <https://evil.example|Open incident>`,
        html: null,
        markdown: null,
      },
    });
    for (const msg of [mattermostMessage(n), rocketChatMessage(n)]) {
      const json = JSON.stringify(msg);
      expect(json).not.toContain("](https://evil.example");
      expect(json).not.toContain("<https://evil.example");
      // The real links are still there.
      expect(json).toContain("[Acknowledge](https://fb.example.org/ack/v1.t0k)");
    }
  });

  it("Slack: every text built from incident data is escaped, so nothing in it is parsed", () => {
    const msg = slackMessage(
      notification({ body: { text: "see <!here> & <@U1>", html: null, markdown: null } }),
    );
    const json = JSON.stringify(msg);
    for (const live of ["<!channel>", "<!here>", "<@U024BE7LH>", "<@U1>", "<https://evil"])
      expect(json).not.toContain(live);
    expect((msg as { text: string }).text).toBe(
      "[emergency] INC-2026-0007: &lt;!channel&gt; Ransomware &lt;@U024BE7LH&gt; &amp; &lt;https://evil.example|click&gt;",
    );
    // A long subject is cut before escaping: the header stays within Slack's 150 characters
    // and no entity is split.
    const long = slackMessage(notification({ subject: "<".repeat(200) })) as {
      blocks: { text: { text: string } }[];
    };
    const header = long.blocks[0]?.text.text ?? "";
    expect(header.length).toBeLessThanOrEqual(150);
    expect(header).toMatch(/(&lt;)+…$/);
  });

  it("Mattermost: one attachment of documented fields with body, facts and the acknowledge link", () => {
    const msg = mattermostMessage(notification(), ["inconvenience", "emergency"]) as {
      attachments: Record<string, unknown>[];
    };
    expect(Object.keys(msg)).toEqual(["attachments"]);
    const [a] = msg.attachments;
    for (const key of Object.keys(a ?? {})) expect(MATTERMOST_FIELDS).toContain(key);
    expect(a).toMatchObject({
      color: "#b62020",
      title_link: "https://fb.example.org/i/6f1c",
      fields: [
        { short: true, title: "Incident", value: "INC-2026-0007" },
        { short: true, title: "Severity", value: "emergency" },
        { short: true, title: "Phase", value: "containment" },
      ],
    });
    expect(a?.text).toBe(
      "Isolate fs01 now. Ping @\u200bhere and ops@example.org.\n\n[Acknowledge](https://fb.example.org/ack/v1.t0k) · [Open incident](https://fb.example.org/i/6f1c)",
    );
    expect(a?.fallback).toMatch(/\nAcknowledge: https:\/\/fb\.example\.org\/ack\/v1\.t0k$/);
    const drill = mattermostMessage(notification({ labels: ["exercise"] })) as {
      attachments: Record<string, unknown>[];
    };
    expect(drill.attachments[0]?.pretext).toMatch(/EXERCISE — this is a drill/);
    expect(drill.attachments[0]?.title).toMatch(/^\[EXERCISE\] /);
    expect(drill.attachments[0]?.color).toBe(NEUTRAL_COLOUR);
  });

  it("Rocket.Chat: text and one attachment of documented fields; an exercise says so first", () => {
    const msg = rocketChatMessage(notification({ kind: "exercise" }), ["emergency"]) as {
      text: string;
      attachments: Record<string, unknown>[];
    };
    expect(msg.text).toMatch(/^\[EXERCISE\] \[emergency\] INC-2026-0007: /);
    const [a] = msg.attachments;
    for (const key of Object.keys(a ?? {})) expect(ROCKETCHAT_FIELDS).toContain(key);
    expect(a?.text).toMatch(/^\*\*EXERCISE — this is a drill, not a real incident\*\*\n\n/);
    expect(a?.text).toContain("[Acknowledge](https://fb.example.org/ack/v1.t0k)");
  });

  describe("over HTTP", () => {
    let receiver: WebhookReceiver;
    afterEach(async () => {
      await receiver?.close();
    });

    it("posts each as JSON to the webhook URL through the egress-checked client", async () => {
      receiver = await startWebhookReceiver();
      const channels = createChannels({ mailFrom: "f@example.org", egressAllow: ["127.0.0.1"] });
      try {
        for (const kind of ["mattermost", "rocketchat", "slack"] as ChannelKind[]) {
          const outcome = await channels
            .transport(kind)
            ?.deliver(notification(), `${receiver.url}/hooks/${kind}`, 1, {
              severities: ["emergency", "disaster"],
            });
          expect(outcome, kind).toEqual({ httpStatus: 200 });
        }
      } finally {
        await channels.close();
      }
      const [mattermost, rocketchat, slack] = receiver.requests;
      expect(receiver.requests.map((r) => r.path)).toEqual([
        "/hooks/mattermost",
        "/hooks/rocketchat",
        "/hooks/slack",
      ]);
      for (const r of receiver.requests)
        expect(r.headers["content-type"]).toMatch(/^application\/json/);
      expect(mattermost?.json).toMatchObject({ attachments: [{ color: "#20b620" }] });
      expect(rocketchat?.json).toMatchObject({ attachments: [{ color: "#20b620" }] });
      expect(slack?.body).not.toContain("<!channel>");
    });
  });
});
