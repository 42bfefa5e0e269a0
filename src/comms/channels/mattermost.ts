import { isExercise, type Notification } from "../notification.types.js";
import { chatAttachment, inert } from "./chat-attachment.js";
import { EXERCISE_BANNER, orderedLinks, subjectLine } from "./render.js";

/**
 * The message for a Mattermost incoming webhook. Mattermost ignores Slack's Block Kit, so it
 * gets one message attachment (title, colour, fields, body, links); `fallback` is what push
 * notifications and plain-text clients show: the subject and the Acknowledge link.
 */
export function mattermostMessage(
  n: Notification,
  severities?: readonly string[],
): Record<string, unknown> {
  const ack = orderedLinks(n).find((l) => l.name === "ack");
  const fallback = [inert(subjectLine(n)), ...(ack ? [`${ack.title}: ${ack.url}`] : [])];
  return {
    attachments: [
      {
        fallback: fallback.join("\n"),
        ...(isExercise(n) ? { pretext: `:rotating_light: **${EXERCISE_BANNER}**` } : {}),
        ...chatAttachment(n, severities),
      },
    ],
  };
}
