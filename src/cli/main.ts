import { Command, CommanderError } from "commander";
import { ackCommand } from "./commands/ack.js";
import { actionsCommand } from "./commands/actions.js";
import { alertsCommand } from "./commands/alerts.js";
import { attackCommand } from "./commands/attack.js";
import { auditCommand } from "./commands/audit.js";
import { backupCommand, restoreCommand } from "./commands/backup.js";
import { changesCommand } from "./commands/changes.js";
import { channelsCommand } from "./commands/channels.js";
import { clocksCommand } from "./commands/clocks.js";
import { dbCommand } from "./commands/db.js";
import { demoCommand } from "./commands/demo.js";
import { detectCommand } from "./commands/detect.js";
import { documentsCommand } from "./commands/documents.js";
import { eventsCommand } from "./commands/events.js";
import { exerciseCommand } from "./commands/exercise.js";
import { exportCommand } from "./commands/export.js";
import { incidentCommand } from "./commands/incident.js";
import { ingestCommand } from "./commands/ingest.js";
import { initCommand } from "./commands/init.js";
import { integrationCommand } from "./commands/integration.js";
import { lessonsCommand } from "./commands/lessons.js";
import { libraryCommand } from "./commands/library.js";
import { lintCommand } from "./commands/lint.js";
import { loginCommand, logoutCommand } from "./commands/login.js";
import { metricsCommand } from "./commands/metrics.js";
import { planCommand } from "./commands/plan.js";
import { preparationCommand } from "./commands/preparation.js";
import { rcaCommand } from "./commands/rca.js";
import { readinessCommand } from "./commands/readiness.js";
import { reportCommand } from "./commands/report.js";
import { searchCommand } from "./commands/search.js";
import { serveCommand } from "./commands/serve.js";
import { setupCodeCommand } from "./commands/setup-code.js";
import { tokensCommand } from "./commands/tokens.js";
import { usersCommand } from "./commands/users.js";
import { verifyCommand } from "./commands/verify.js";
import { EXIT } from "./io.js";

/** The `firebreak` program; one file per command under `commands/`. */
export function program(): Command {
  const cli = new Command("firebreak")
    .description("Firebreak: incident response plans and procedures, executed")
    .version("0.1.0")
    .showHelpAfterError();
  for (const cmd of [
    serveCommand(),
    lintCommand(),
    initCommand(),
    dbCommand(),
    demoCommand(),
    incidentCommand(),
    ackCommand(),
    clocksCommand(),
    ingestCommand(),
    detectCommand(),
    eventsCommand(),
    alertsCommand(),
    changesCommand(),
    integrationCommand(),
    channelsCommand(),
    verifyCommand(),
    backupCommand(),
    restoreCommand(),
    rcaCommand(),
    lessonsCommand(),
    actionsCommand(),
    reportCommand(),
    metricsCommand(),
    usersCommand(),
    setupCodeCommand(),
    tokensCommand(),
    loginCommand(),
    logoutCommand(),
    auditCommand(),
    planCommand(),
    documentsCommand(),
    libraryCommand(),
    preparationCommand(),
    readinessCommand(),
    exerciseCommand(),
    exportCommand(),
    attackCommand(),
    searchCommand(),
  ])
    cli.addCommand(cmd);
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
    await program().parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end through here too, with exit code 0.
      return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    throw e;
  }
  return typeof process.exitCode === "number" ? process.exitCode : EXIT.ok;
}
