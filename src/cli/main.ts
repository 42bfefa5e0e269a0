import { Command, CommanderError } from "commander";
import { EXIT } from "./io.js";

/**
 * Every command, in the order `firebreak --help` lists them, each loaded from its own file under
 * `commands/` when asked for. A command's module brings what it needs (the local mode the whole
 * server), so a process loads only the command it runs: every CLI call is a fresh process, and
 * loading the modules is most of the start of one.
 */
export const COMMANDS: Record<string, () => Promise<Command>> = {
  serve: async () => (await import("./commands/serve.js")).serveCommand(),
  lint: async () => (await import("./commands/lint.js")).lintCommand(),
  init: async () => (await import("./commands/init.js")).initCommand(),
  db: async () => (await import("./commands/db.js")).dbCommand(),
  demo: async () => (await import("./commands/demo.js")).demoCommand(),
  incident: async () => (await import("./commands/incident.js")).incidentCommand(),
  ack: async () => (await import("./commands/ack.js")).ackCommand(),
  clocks: async () => (await import("./commands/clocks.js")).clocksCommand(),
  ingest: async () => (await import("./commands/ingest.js")).ingestCommand(),
  detect: async () => (await import("./commands/detect.js")).detectCommand(),
  events: async () => (await import("./commands/events.js")).eventsCommand(),
  alerts: async () => (await import("./commands/alerts.js")).alertsCommand(),
  changes: async () => (await import("./commands/changes.js")).changesCommand(),
  integration: async () => (await import("./commands/integration.js")).integrationCommand(),
  channels: async () => (await import("./commands/channels.js")).channelsCommand(),
  verify: async () => (await import("./commands/verify.js")).verifyCommand(),
  backup: async () => (await import("./commands/backup.js")).backupCommand(),
  restore: async () => (await import("./commands/backup.js")).restoreCommand(),
  rca: async () => (await import("./commands/rca.js")).rcaCommand(),
  lessons: async () => (await import("./commands/lessons.js")).lessonsCommand(),
  actions: async () => (await import("./commands/actions.js")).actionsCommand(),
  report: async () => (await import("./commands/report.js")).reportCommand(),
  metrics: async () => (await import("./commands/metrics.js")).metricsCommand(),
  users: async () => (await import("./commands/users.js")).usersCommand(),
  "setup-code": async () => (await import("./commands/setup-code.js")).setupCodeCommand(),
  tokens: async () => (await import("./commands/tokens.js")).tokensCommand(),
  login: async () => (await import("./commands/login.js")).loginCommand(),
  logout: async () => (await import("./commands/login.js")).logoutCommand(),
  audit: async () => (await import("./commands/audit.js")).auditCommand(),
  plan: async () => (await import("./commands/plan.js")).planCommand(),
  documents: async () => (await import("./commands/documents.js")).documentsCommand(),
  library: async () => (await import("./commands/library.js")).libraryCommand(),
  preparation: async () => (await import("./commands/preparation.js")).preparationCommand(),
  readiness: async () => (await import("./commands/readiness.js")).readinessCommand(),
  exercise: async () => (await import("./commands/exercise.js")).exerciseCommand(),
  export: async () => (await import("./commands/export.js")).exportCommand(),
  attack: async () => (await import("./commands/attack.js")).attackCommand(),
  search: async () => (await import("./commands/search.js")).searchCommand(),
};

/**
 * The `firebreak` program. With `argv`, only the command it names is loaded when it names one;
 * anything else (help, the version, a mistyped command, which Commander answers with a list or a
 * suggestion) gets every command, as does no `argv`.
 */
export async function program(argv?: readonly string[]): Promise<Command> {
  const cli = new Command("firebreak")
    .description("Firebreak: incident response plans and procedures, executed")
    .version("0.1.0")
    .showHelpAfterError();
  const named = argv?.[2];
  const load =
    named !== undefined && Object.hasOwn(COMMANDS, named)
      ? [COMMANDS[named] as () => Promise<Command>]
      : Object.values(COMMANDS);
  for (const cmd of await Promise.all(load.map((l) => l()))) cli.addCommand(cmd);
  exitOverrideAll(cli);
  return cli;
}

/** Commander exits the process on usage errors by default; we want the code back instead. */
function exitOverrideAll(cmd: Command): void {
  cmd.exitOverride();
  for (const sub of cmd.commands) exitOverrideAll(sub);
}

/** Runs the CLI; resolves to the exit code (0 ok, 1 failed, 2 bad usage or input). */
export async function main(argv: string[]): Promise<number> {
  try {
    await (await program(argv)).parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end through here too, with exit code 0.
      return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    throw e;
  }
  return typeof process.exitCode === "number" ? process.exitCode : EXIT.ok;
}
