// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${env:NAME}` channel targets.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Incident } from "../../src/domain/incident/model.js";
import { type RunningWorker, type Runtime, startJobWorker } from "../../src/runtime.js";
import { type App, buildApp } from "../../src/server/app.js";
import { TEST_DIALECTS } from "../support/databases.js";
import { commsRuntime, HOOK_ENV, pagingLibrary } from "../support/escalation.js";
import { waitFor } from "../support/wait.js";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver.js";

/**
 * Issue 18's "Done when" for chat, end to end: real pages from the escalation path, through the
 * worker and the egress-checked client, captured by a real HTTP receiver on loopback. A page to
 * a Mattermost channel carries the body and the acknowledge link (which opens the confirmation
 * page); Rocket.Chat gets its own format; a title `<!channel> test` reaches Slack escaped.
 */

interface Attachment {
  fallback?: string;
  title: string;
  color: string;
  text: string;
  fields: { short: boolean; title: string; value: string }[];
}

describe.each(TEST_DIALECTS)("pages to chat channels on $name", (dialect) => {
  let rt: Runtime;
  let app: App;
  let receiver: WebhookReceiver;
  let comms: RunningWorker;

  const declare = async (title: string, severity: string) => {
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/incidents",
      payload: { title, type: "malware", severity },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Incident;
  };
  const page = (path: string) =>
    waitFor(`the page to ${path}`, () => receiver.accepted().find((r) => r.path === path));

  beforeEach(async (ctx) => {
    if (dialect.skip) return ctx.skip(dialect.skip);
    receiver = await startWebhookReceiver();
    rt = await commsRuntime(dialect, {
      library: pagingLibrary({
        channels: [
          { id: "pager-1", kind: "mattermost", target: `\${env:${HOOK_ENV}}/mattermost` },
          { id: "pager-2", kind: "rocketchat", target: `\${env:${HOOK_ENV}}/rocketchat` },
          { id: "inconvenience-hook", kind: "slack", target: `\${env:${HOOK_ENV}}/slack` },
          { id: "exec-hook", kind: "webhook", target: `\${env:${HOOK_ENV}}/executives` },
        ],
      }),
    });
    app = await buildApp(rt, { logger: false, auth: "trust-local" });
    comms = await startJobWorker(rt, {
      linkBase: "http://firebreak.test",
      env: { [HOOK_ENV]: receiver.url },
      pollMs: 50,
    });
  });
  afterEach(async () => {
    await comms?.stop();
    await app?.close();
    await receiver?.close();
    await rt?.close();
  });

  it("Mattermost gets the body and the acknowledge link; Rocket.Chat its own format", async () => {
    const incident = await declare("Ransomware on FS01, ask @channel", "emergency");
    const mattermost = await page("/mattermost");
    const message = mattermost.json as { attachments: Attachment[]; text?: string };
    expect(Object.keys(message)).toEqual(["attachments"]);
    const [attachment] = message.attachments;
    // Emergency is the top of this plan's two-level scale: red.
    expect(attachment?.color).toBe("#b62020");
    expect(attachment?.title).toBe(
      `[emergency] ${incident.human_id}: Page: Ransomware on FS01, ask @\u200bchannel`,
    );
    expect(attachment?.fields).toEqual([
      { short: true, title: "Incident", value: incident.human_id },
      { short: true, title: "Severity", value: "emergency" },
      { short: true, title: "Phase", value: incident.phase },
    ]);
    const ack = /\[Acknowledge\]\((http:\/\/firebreak\.test\/api\/v1\/ack\/v1\.[^)]+)\)/.exec(
      attachment?.text ?? "",
    )?.[1];
    expect(ack, attachment?.text).toBeDefined();
    expect(attachment?.text).toContain("You receive this as channel:pager-1");
    expect(attachment?.fallback).toContain(`Acknowledge: ${ack}`);

    // The link opens the confirmation page and acknowledges nothing until its button is pressed.
    const confirm = await app.inject({ method: "GET", url: new URL(ack as string).pathname });
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain(`Acknowledge ${incident.human_id}`);

    const rocket = (await page("/rocketchat")).json as { text: string; attachments: Attachment[] };
    expect(rocket.text).toBe(
      `[emergency] ${incident.human_id}: Page: Ransomware on FS01, ask @\u200bchannel`,
    );
    expect(rocket.attachments[0]).toMatchObject({
      color: "#b62020",
      fields: expect.arrayContaining([{ short: true, title: "Severity", value: "emergency" }]),
      text: expect.stringMatching(/\[Acknowledge\]\(http:\/\/firebreak\.test\/api\/v1\/ack\//),
    });
  });

  it("a title `<!channel> test` reaches Slack escaped, in the fallback text and every block", async () => {
    const incident = await declare("<!channel> test", "inconvenience");
    const slack = (await page("/slack")).body;
    expect(slack).not.toContain("<!channel>");
    const message = JSON.parse(slack) as { text: string; blocks: unknown[] };
    expect(message.text).toBe(`[inconvenience] ${incident.human_id}: Page: &lt;!channel&gt; test`);
    expect(JSON.stringify(message.blocks[0])).toContain("&lt;!channel&gt; test");
  });
});
