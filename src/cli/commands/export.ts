import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Command } from "commander";
import { exchange } from "../../contract/exports.js";
import { roleCards } from "../../contract/role-cards.js";
import { EXPORT_FORMAT_NAMES, type ExportFormatName } from "../../domain/exchange.js";
import { type ApiFlags, withApi } from "../api.js";
import { action, EXIT, printJson, printLine } from "../io.js";
import { sub } from "./incident-args.js";

type Flags = ApiFlags & { json?: boolean; out: string };

/** What each exchange format is, for `--help` (docs/exchange.md says what maps to what). */
const FORMAT_HELP: Record<ExportFormatName, string> = {
  stix: "an incident as a STIX 2.1 bundle (incident, indicators, observed data, techniques, report)",
  misp: "an incident as a MISP event (attributes, ATT&CK galaxy and TLP tags)",
  veris: "an incident as a VERIS record",
  navigator: "an incident's ATT&CK techniques as a Navigator layer",
};

/** `firebreak export …`: what to print and keep for the day the systems are down. */
export function exportCommand(): Command {
  const ex = new Command("export").description(
    "offline copies (the kit, role cards) and incidents for other tools (STIX, MISP, VERIS, ATT&CK Navigator)",
  );

  for (const format of EXPORT_FORMAT_NAMES)
    ex.addCommand(
      sub(format, FORMAT_HELP[format])
        .argument("<incident>", "incident id or human id (INC-2026-0042)")
        .option("--out <file>", "write the document to this file instead of stdout")
        .action(
          action(async (incident: string, flags: Omit<Flags, "out"> & { out?: string }) => {
            const document = await withApi(flags, (api) =>
              api.call(exchange.exportIncident, { params: { id: incident }, query: { format } }),
            );
            const text = `${JSON.stringify(document, null, 2)}\n`;
            if (flags.out === undefined) {
              // The document is the one JSON document stdout carries, --json or not.
              process.stdout.write(text);
              return EXIT.ok;
            }
            const file = resolve(flags.out);
            writeFileSync(file, text);
            if (flags.json) printJson({ incident, format, file });
            else printLine(file);
            return EXIT.ok;
          }),
        ),
    );

  ex.addCommand(
    sub(
      "kit",
      "plan, procedures, contacts and role cards as one self-contained HTML file and a PDF",
    )
      .option("--out <dir>", "folder to write into (created if missing)", ".")
      .action(
        action(async (flags: Flags) => {
          const kit = await withApi(flags, (api) =>
            api.call(roleCards.kit, { query: { format: "bundle" } }),
          );
          mkdirSync(flags.out, { recursive: true });
          const html = resolve(join(flags.out, `${kit.name}.html`));
          const pdf = resolve(join(flags.out, `${kit.name}.pdf`));
          writeFileSync(html, kit.html);
          writeFileSync(pdf, Buffer.from(kit.pdf_base64, "base64"));
          const { html: _h, pdf_base64: _p, ...meta } = kit;
          if (flags.json) printJson({ ...meta, files: { html, pdf } });
          else {
            printLine(
              `offline kit of plan ${kit.plan.id} v${kit.plan.version}: ${kit.procedures.length} procedures, ${kit.people} role cards`,
            );
            printLine(`  ${html}`);
            printLine(`  ${pdf}`);
            printLine(
              "open the HTML file in any browser (no server needed); print the PDF for the safe",
            );
          }
          return EXIT.ok;
        }),
      ),
  );

  ex.addCommand(
    sub("card", "one person's printable role card (HTML and PDF)")
      .argument("<person>", "a person id from the plan's team")
      .option("--out <dir>", "folder to write into", ".")
      .action(
        action(async (person: string, flags: Flags) => {
          const card = await withApi(flags, (api) =>
            api.call(roleCards.card, { params: { person }, query: { format: "bundle" } }),
          );
          mkdirSync(flags.out, { recursive: true });
          const html = resolve(join(flags.out, `role-card-${card.person}.html`));
          const pdf = resolve(join(flags.out, `role-card-${card.person}.pdf`));
          writeFileSync(html, card.html);
          writeFileSync(pdf, Buffer.from(card.pdf_base64, "base64"));
          if (flags.json) printJson({ person: card.person, files: { html, pdf } });
          else printLine(`${html}\n${pdf}`);
          return EXIT.ok;
        }),
      ),
  );
  return ex;
}
