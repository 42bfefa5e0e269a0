import { z } from "zod";
import { CHANNEL_KINDS } from "../domain/channel-kind.js";
import { endpoint } from "./endpoint.js";

/** Channels: trying a plan channel before an incident depends on it. */

const ChannelDefinition = z.strictObject({
  kind: z.enum(CHANNEL_KINDS),
  target: z
    .string()
    .min(1)
    .max(2000)
    // biome-ignore lint/suspicious/noTemplateCurlyInString: `${env:NAME}` is the plan's syntax
    .describe("address or URL as the plan writes it; `${env:NAME}` is resolved as delivery does"),
  id: z.string().min(1).max(200).optional().describe("the plan's channel id, shown in the message"),
});

const InForceChannel = z.strictObject({
  channel_id: z.string().min(1).max(200).describe("a channel of the plan in force"),
});

const ChannelTestResultSchema = z.object({
  delivered: z.boolean().describe("the peer accepted the message"),
  status: z.number().int().optional().describe("the peer's HTTP status (webhook, Slack)"),
  detail: z.string().describe("the peer's answer (the SMTP reply), or why nothing was delivered"),
  duration_ms: z.number().int(),
});

export const channels = {
  test: endpoint({
    method: "POST",
    path: "/channels/test",
    description:
      "Send a short test message through a channel, now, through the same transports pages use (egress-checked; e-mail through the configured SMTP server). The body is a channel definition `{ kind, target }` (it may be only in a draft plan) or `{ channel_id }` of the plan in force. A failed delivery is an answer with `delivered: false` and the reason, not an error. Rate-limited: it sends mail.",
    body: z.union([ChannelDefinition, InForceChannel]),
    response: ChannelTestResultSchema,
  }),
};

export type ChannelTestBody = z.input<typeof channels.test.body>;
export type ChannelTestResultView = z.output<typeof ChannelTestResultSchema>;
