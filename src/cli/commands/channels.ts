import { Command, Option } from "commander";
import { type ChannelTestBody, channels } from "../../contract/channels.js";
import { CHANNEL_KINDS } from "../../domain/channel-kind.js";
import { invalidInput } from "../../domain/errors.js";
import { type ApiFlags, withApi } from "../api.js";
import { action, EXIT, printJson, printLine } from "../io.js";
import { sub } from "./incident-args.js";

type Flags = ApiFlags & {
  json?: boolean;
  kind?: (typeof CHANNEL_KINDS)[number];
  target?: string;
};

/** `firebreak channels …`: the plan's channels, tried before an incident depends on them. */
export function channelsCommand(): Command {
  const command = new Command("channels").description("try the plan's notification channels");

  command.addCommand(
    sub(
      "test",
      "send a test message through a channel of the plan in force (by id) or a definition (--kind, --target); exit 1 when it was not delivered",
    )
      .argument("[channel-id]", "a channel of the plan in force")
      .addOption(new Option("--kind <kind>", "channel kind").choices([...CHANNEL_KINDS]))
      // biome-ignore lint/suspicious/noTemplateCurlyInString: `${env:NAME}` is the plan's syntax
      .option("--target <target>", "address or URL; ${env:NAME} is resolved by the server")
      .action(
        action(async (channelId: string | undefined, flags: Flags) => {
          if (
            (channelId === undefined) ===
            (flags.kind === undefined || flags.target === undefined)
          )
            throw invalidInput("name a channel id, or give --kind and --target (not both)");
          const body: ChannelTestBody =
            channelId !== undefined
              ? { channel_id: channelId }
              : { kind: flags.kind as Flags["kind"] & string, target: flags.target as string };
          const result = await withApi(flags, (api) => api.call(channels.test, { body }));
          if (flags.json) printJson(result);
          else
            printLine(
              `${result.delivered ? "delivered" : "not delivered"} in ${result.duration_ms} ms${result.status ? ` (HTTP ${result.status})` : ""}: ${result.detail}`,
            );
          return result.delivered ? EXIT.ok : EXIT.failed;
        }),
      ),
  );
  return command;
}
