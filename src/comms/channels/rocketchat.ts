import { isExercise, type Notification } from "../notification.types.js";
import { chatAttachment, inert } from "./chat-attachment.js";
import { EXERCISE_BANNER, subjectLine } from "./render.js";

/**
 * The message for a Rocket.Chat incoming webhook (script disabled, its default format): `text`
 * is the line the room and push notifications show, the subject; one attachment carries the
 * rest (title, colour, fields, body, links). Rocket.Chat attachments have no `pretext`, so an
 * exercise's banner leads the attachment's text.
 */
export function rocketChatMessage(
  n: Notification,
  severities?: readonly string[],
): Record<string, unknown> {
  const attachment = chatAttachment(n, severities);
  return {
    text: inert(subjectLine(n)),
    attachments: [
      {
        ...attachment,
        ...(isExercise(n) ? { text: `**${EXERCISE_BANNER}**\n\n${attachment.text}` } : {}),
      },
    ],
  };
}
