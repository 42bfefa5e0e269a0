import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { reports } from "../../contract/reports.js";
import {
  REPORT_FORMATS,
  REPORT_KINDS,
  type ReportFormat,
  type ReportKind,
} from "../../domain/report-kinds.js";
import { type ApiFlags, withApi } from "../api.js";
import { action, EXIT, printJson, printLine, printList } from "../io.js";
import { sub } from "./incident-args.js";

type Flags = ApiFlags & {
  json?: boolean;
  kind: ReportKind;
  format: ReportFormat;
  out?: string;
  list?: boolean;
};

const EXT: Record<string, string> = { md: "md", html: "html", pdf: "pdf" };

/**
 * `firebreak report INC --kind K --format F [--out FILE]`: renders a report from the incident's
 * record, stores it as the next version (with its SHA-256) and writes it to a file (`--out -`
 * writes it to stdout, the summary then goes to stderr).
 */
export function reportCommand(): Command {
  return sub(
    "report",
    "render a report from an incident's record, store it, and write it to a file",
  )
    .argument("<incident>", "incident id, e.g. INC-2026-0042")
    .option("--kind <kind>", `${REPORT_KINDS.join(" | ")}`, "technical")
    .option("--format <format>", `${REPORT_FORMATS.join(" | ")}`, "md")
    .option(
      "--out <file>",
      "where to write it (default: INC-…-<kind>-v<N>.<ext> here; - for stdout)",
    )
    .option("--list", "list the incident's stored reports instead")
    .action(
      action(async (ref: string, flags: Flags) => {
        const params = { id: ref };
        if (flags.list) {
          const { items } = await withApi(flags, (api) => api.call(reports.list, { params }));
          printList(
            flags,
            { items },
            (r) =>
              `${r.created_at.slice(0, 16).replace("T", " ")}  ${r.kind.padEnd(17)} ${r.format.padEnd(4)} v${r.version}  ${r.sha256.slice(0, 16)}…  ${r.id}`,
            `no reports stored for ${ref}`,
          );
          return EXIT.ok;
        }
        const made = await withApi(flags, (api) =>
          api.call(reports.generate, {
            params,
            body: { kind: flags.kind, format: flags.format, include_content: true },
          }),
        );
        const { content_base64, ...meta } = made;
        // Asked for with include_content, so it is there.
        const bytes = Buffer.from(content_base64 as string, "base64");
        const out =
          flags.out ??
          `${ref.toUpperCase()}-${meta.kind}-v${meta.version}.${EXT[meta.format] ?? meta.format}`;
        if (out === "-") process.stdout.write(bytes);
        else writeFileSync(out, bytes);
        const summary = `wrote ${out === "-" ? "stdout" : out}: ${meta.title} (${meta.kind}, ${meta.format}, version ${meta.version}, ${bytes.length} bytes, sha256 ${meta.sha256})`;
        if (flags.json && out !== "-") printJson({ ...meta, path: out });
        else if (out === "-") process.stderr.write(`${summary}\n`);
        else printLine(summary);
        return EXIT.ok;
      }),
    );
}
