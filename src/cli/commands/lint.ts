import { Command, Option } from "commander";
import { loadLibrary } from "../../documents/library.js";
import { type LintReport, lintDocuments } from "../../documents/lint.js";
import { systemClock } from "../../domain/clock.js";
import { formatDetail } from "../../domain/errors.js";
import { action, EXIT, printJson, printLine } from "../io.js";
import { configFrom } from "../options.js";

export function lintCommand(): Command {
  return new Command("lint")
    .description("check plan and procedure documents together (default: the configured library)")
    .argument("[paths...]", "files or folders of YAML documents")
    .addOption(
      new Option("--format <format>", "output format").choices(["text", "json"]).default("text"),
    )
    .option("--json", "same as --format json")
    .action(
      action(async (paths: string[], flags: { format: string; json?: boolean }) => {
        const targets = paths.length > 0 ? paths : configFrom({}).library;
        const load = await loadLibrary(targets);
        // Parse errors first: lint of a set with unreadable documents would only add noise.
        const report: LintReport =
          load.errors.length > 0
            ? {
                findings: load.errors.map((e) => ({
                  level: "error",
                  file: e.file ?? "",
                  line: e.line ?? 1,
                  column: e.column ?? 1,
                  path: e.path ?? "",
                  message: e.message,
                })),
                errors: load.errors.length,
                warnings: 0,
              }
            : lintDocuments(load.documents, systemClock.now());
        if (flags.json || flags.format === "json") {
          printJson({ files: load.files.length, documents: load.documents.length, ...report });
        } else {
          for (const f of report.findings)
            printLine(`${formatDetail({ ...f, path: undefined })} [${f.level}] (${f.path})`);
          printLine(
            `${load.files.length} file(s), ${load.documents.length} document(s): ${report.errors} error(s), ${report.warnings} warning(s)`,
          );
        }
        return report.errors > 0 ? EXIT.failed : EXIT.ok;
      }),
    );
}
