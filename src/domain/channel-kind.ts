/**
 * The channel kinds a plan may name, once for the plan's schema, the API and the CLI. Phone, SMS
 * and chat are contacts people are reached on by hand: Firebreak has no sender for them.
 */
export const CHANNEL_KINDS = [
  "email",
  "webhook",
  "slack",
  "phone",
  "sms",
  "chat",
  "mattermost",
  "rocketchat",
] as const;

export type ChannelKind = (typeof CHANNEL_KINDS)[number];
