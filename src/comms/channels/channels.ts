import type { ChannelKind } from "../notification.types.js";
import type { ChannelTransport } from "./channel.types.js";
import { chatWebhookChannel } from "./chat-attachment.js";
import { emailChannel } from "./email.js";
import { httpClient } from "./http.js";
import { mattermostMessage } from "./mattermost.js";
import { rocketChatMessage } from "./rocketchat.js";
import { slackChannel } from "./slack.js";
import { webhookChannel } from "./webhook.js";

/** The kinds `createChannels` builds a transport for; the others (phone, sms, chat) cannot deliver. */
export const KINDS_WITH_SENDER: readonly ChannelKind[] = [
  "webhook",
  "slack",
  "email",
  "mattermost",
  "rocketchat",
];

/** The configuration channels need; `Config` has these fields. */
export interface ChannelSettings {
  smtpUrl?: string;
  mailFrom: string;
  webhookSecret?: string;
  /** Per HTTP request and per SMTP phase; defaults 10 s and 20 s. */
  timeoutMs?: number;
  /** FIREBREAK_EGRESS_ALLOW: private hosts and CIDRs webhooks and chat channels may reach. */
  egressAllow?: readonly string[];
}

/** The transports a deployment has, by channel kind. */
export interface ChannelSet {
  /** The transport for a kind; undefined for kinds with none (phone, sms, chat). */
  transport(kind: ChannelKind): ChannelTransport | undefined;
  close(): Promise<void>;
}

/**
 * Builds the webhook, Slack, Mattermost, Rocket.Chat and e-mail transports from configuration. The HTTP transports share
 * one egress-checked client; the SMTP server is the operator's own (configuration, not
 * documents), so it is not egress-checked.
 */
export function createChannels(settings: ChannelSettings): ChannelSet {
  const http = httpClient({ egressAllow: settings.egressAllow, timeoutMs: settings.timeoutMs });
  const all: ChannelTransport[] = [
    webhookChannel({ secret: settings.webhookSecret, http }),
    slackChannel({ http }),
    chatWebhookChannel("mattermost", mattermostMessage, http),
    chatWebhookChannel("rocketchat", rocketChatMessage, http),
    emailChannel({
      smtpUrl: settings.smtpUrl,
      from: settings.mailFrom,
      timeoutMs: settings.timeoutMs,
    }),
  ];
  return channelSet(all);
}

/** A set over given transports; tests and future channels plug in here. */
export function channelSet(transports: readonly ChannelTransport[]): ChannelSet {
  const byKind = new Map(transports.map((t) => [t.kind, t]));
  return {
    transport: (kind) => byKind.get(kind),
    close: async () => {
      await Promise.all(transports.map((t) => t.close?.()));
    },
  };
}
