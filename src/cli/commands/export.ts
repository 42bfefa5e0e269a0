import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Command } from "commander";
import { roleCards } from "../../contract/role-cards.js";
import { type ApiFlags, withApi } from "../api.js";
import { action, EXIT, printJson, printLine } from "../io.js";
import { sub } from "./incident-args.js";

type Flags = ApiFlags & { json?: boolean; out: string };

/** `firebreak export …`: what to print and keep for the day the systems are down. */
export function exportCommand(): Command {
  const ex = new Command("export").description("offline copies: the kit, role cards");

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
