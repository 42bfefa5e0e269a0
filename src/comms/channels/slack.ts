import { isExercise, type Notification } from "../notification.types.js";
import type { ChannelTransport } from "./channel.types.js";
import type { HttpClient } from "./http.js";
import { EXERCISE_BANNER, facts, orderedLinks, subjectLine } from "./render.js";

// Block Kit limits: header text 150 characters, section text 3000, field text 2000.
const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/**
 * Slack treats &, < and > as control characters in every text object, plain_text included, and
 * in the message's `text`: `<!channel>`, `<!here>`, `<@U…>` and `<url|label>` are parsed there.
 * Everything built from incident data goes through this, so that it shows as written.
 */
export function escapeMrkdwn(s: string): string {
  return s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

/** `s` escaped and clipped to `max` characters, cut before escaping so that no entity is split. */
function escapedClip(s: string, max: number): string {
  let cut = max;
  let out = escapeMrkdwn(clip(s, cut));
  while (out.length > max) {
    // One character escapes to at most five (`&amp;`): cut no more than the excess needs.
    cut -= Math.ceil((out.length - max) / 5);
    out = escapeMrkdwn(clip(s, cut));
  }
  return out;
}

/** The common Markdown that differs in mrkdwn: `**bold**` and `[text](url)`. */
export function markdownToMrkdwn(markdown: string): string {
  return escapeMrkdwn(markdown)
    .replace(/\*\*(.+?)\*\*/g, "*$1*")
    .replace(/\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g, (_, text: string, url: string) => {
      return `<${url.replaceAll("&amp;", "&")}|${text}>`;
    });
}

/**
 * The Block Kit message for a Slack incoming webhook: a header with the subject, the exercise
 * warning, fields for incident, severity and phase, the body, and a button per link with
 * Acknowledge first. `text` is the notification fallback that phones and screen readers show.
 * (Mattermost and Rocket.Chat ignore Block Kit: they have their own kinds.)
 */
export function slackMessage(n: Notification): Record<string, unknown> {
  const exercise = isExercise(n);
  const blocks: Record<string, unknown>[] = [
    {
      type: "header",
      text: { type: "plain_text", text: escapedClip(subjectLine(n), 150), emoji: true },
    },
  ];
  if (exercise)
    blocks.push({
      type: "context",
      elements: [{ type: "mrkdwn", text: `:rotating_light: *${EXERCISE_BANNER}*` }],
    });
  const fields = facts(n).map((f) => ({
    type: "mrkdwn",
    text: clip(`*${f.label}*\n${escapeMrkdwn(f.value)}`, 2000),
  }));
  if (fields.length > 0) blocks.push({ type: "section", fields });
  const text = n.body.markdown ? markdownToMrkdwn(n.body.markdown) : escapeMrkdwn(n.body.text);
  blocks.push({ type: "section", text: { type: "mrkdwn", text: clip(text, 3000) } });
  const links = orderedLinks(n);
  if (links.length > 0)
    blocks.push({
      type: "actions",
      elements: links.slice(0, 5).map((l) => ({
        type: "button",
        action_id: `firebreak_${l.name}`,
        text: { type: "plain_text", text: clip(l.title, 75) },
        url: l.url,
        ...(l.name === "ack" ? { style: "primary" } : {}),
      })),
    });
  return { text: escapedClip(subjectLine(n), 3000), blocks };
}

/** Slack incoming webhook: the target is the webhook URL (keep it in `${env:…}`). */
export function slackChannel(options: { http: HttpClient }): ChannelTransport {
  return {
    kind: "slack",
    deliver: (n, target) =>
      options.http.postJson(target, JSON.stringify(slackMessage(n)), { "user-agent": "Firebreak" }),
  };
}
