import type { Notification } from "../notification.types.js";
import type { ChannelTransport } from "./channel.types.js";
import type { HttpClient } from "./http.js";
import { facts, orderedLinks, subjectLine } from "./render.js";

/**
 * What the Markdown chat channels (Mattermost, Rocket.Chat) share: the attachment, the colour bar
 * of a severity, and mentions made inert.
 */

/** The bar of a message whose severity is unknown (a test message, a plan without that level). */
export const NEUTRAL_COLOUR = "#8a8f98";

const hex = (n: number) =>
  Math.round(n * 255)
    .toString(16)
    .padStart(2, "0");

/** HSL (hue in degrees, saturation and lightness 0–1) as `#rrggbb`. */
function hslToHex(h: number, s: number, l: number): string {
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    return l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
  };
  return `#${hex(f(0))}${hex(f(8))}${hex(f(4))}`;
}

/**
 * The colour of a severity by its place on the plan's scale (`severities`, lowest first): green
 * for the lowest, red for the highest, the hues between spread evenly. Keyed off the plan's
 * order, never off level names, so a plan with its own scale gets sensible colours unasked.
 */
export function severityColour(
  severity: string | null,
  severities: readonly string[] | undefined,
): string {
  const at = severity && severities ? severities.indexOf(severity) : -1;
  if (at < 0 || !severities) return NEUTRAL_COLOUR;
  const share = severities.length === 1 ? 1 : at / (severities.length - 1);
  return hslToHex(120 * (1 - share), 0.7, 0.42);
}

/**
 * `@channel`, `@all`, `@here` and `@someone` with a zero-width space after the `@`: shown as
 * written, notifying nobody. Incident data (a title, a note) must not page a whole channel. An
 * `@` inside a word (an e-mail address, a URL) is no mention and stays as it is.
 */
export function defuseMentions(text: string): string {
  return text.replace(/(?<![\p{L}\p{N}_.\-/@])@(?=[\p{L}\p{N}_])/gu, "@\u200b");
}

/**
 * Text from incident data (a title, an alert's description) made unable to form a link: a
 * zero-width space breaks `[label](url)`, `[label][ref]`, a `[ref]: url` definition and
 * Rocket.Chat's `<url|label>`, so no label can disguise where a link goes. Only plain text gets
 * this; a status update's Markdown is written by responders and keeps its links.
 */
export function defuseLinks(text: string): string {
  return text.replace(/\](?=[(:[])/g, "]\u200b").replace(/<(?=[a-z])/gi, "<\u200b");
}

/** Incident data shown as written in a Markdown chat: no mention notifies, no link is made. */
export const inert = (text: string) => defuseMentions(defuseLinks(text));

const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** A URL as a Markdown link target: parentheses would end it early. */
const linkTarget = (url: string) => url.replaceAll("(", "%28").replaceAll(")", "%29");

/**
 * The attachment both Markdown chat channels show, in the legacy-attachment shape they share:
 * the subject as title (linked to the incident), the severity's colour bar, the facts as short
 * fields, and the body followed by the links, Acknowledge first. The links are Markdown in the
 * text, because Mattermost's buttons post to an integration server rather than open a page, and
 * a link is what every client of both shows; the Acknowledge link opens the confirmation page.
 */
export function chatAttachment(
  n: Notification,
  severities: readonly string[] | undefined,
): ChatAttachment {
  const body = n.body.markdown ? defuseMentions(n.body.markdown.trim()) : inert(n.body.text.trim());
  const links = orderedLinks(n)
    .map((l) => `[${l.title}](${linkTarget(l.url)})`)
    .join(" · ");
  return {
    title: clip(inert(subjectLine(n)), 250),
    ...(n.links.incident ? { title_link: n.links.incident } : {}),
    color: severityColour(n.severity, severities),
    text: [clip(body, 8000), links].filter((part) => part !== "").join("\n\n"),
    fields: facts(n).map((f) => ({ short: true, title: f.label, value: inert(f.value) })),
  };
}

/** A message attachment as Mattermost and Rocket.Chat read it. */
export interface ChatAttachment {
  title: string;
  title_link?: string;
  color: string;
  text: string;
  fields: { short: boolean; title: string; value: string }[];
}

/**
 * A chat's incoming webhook (Mattermost, Rocket.Chat): the target is the webhook URL (keep it in
 * `${env:…}`), the body the chat's own message, coloured by the plan's severities.
 */
export function chatWebhookChannel(
  kind: "mattermost" | "rocketchat",
  message: (n: Notification, severities?: readonly string[]) => unknown,
  http: HttpClient,
): ChannelTransport {
  return {
    kind,
    deliver: (n, target, _attempt, context) =>
      http.postJson(target, JSON.stringify(message(n, context?.severities)), {
        "user-agent": "Firebreak",
      }),
  };
}
