import { type ChannelTestBody, channels } from "../../../src/contract/channels";
import { client } from "./client";

export type { ChannelTestResultView as ChannelTestResult } from "../../../src/contract/channels";

/** Plan channels (`src/contract/channels.ts`): the admin's Send test. */
export const channelsApi = {
  /** Sends a test message through a definition (perhaps only in a draft) or a channel in force. */
  test: (channel: ChannelTestBody) => client.call(channels.test, { body: channel }),
};
