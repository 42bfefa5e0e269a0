import { readFileSync } from "node:fs";
import { Command } from "commander";
import { parse } from "yaml";
import { type LessonsInput, type LessonsView, lessons } from "../../contract/lessons.js";
import { invalidInput } from "../../domain/errors.js";
import { type ApiFlags, withApi } from "../api.js";
import { action, EXIT, printList, printResult } from "../io.js";
import { hitLine } from "../postincident-format.js";
import { sub } from "./incident-args.js";

type Flags = ApiFlags & { json?: boolean };

function reviewLines(r: LessonsView): string[] {
  const section = (title: string, items: string[]) => [
    title,
    ...(items.length ? items.map((i) => `  - ${i}`) : ["  (none)"]),
  ];
  return [
    `what happened: ${r.what_happened}`,
    ...section("went well", r.went_well),
    ...section("went poorly", r.went_poorly),
    ...section("learned", r.learned),
    ...section(
      "change proposals",
      r.proposals.map(
        (p) =>
          `${p.target.kind} ${p.target.id}@v${p.target.version} ${p.target.step_id ? `step ${p.target.step_id}` : `section ${p.target.section}`}: ${p.change} [${p.status}]`,
      ),
    ),
  ];
}

/** `firebreak lessons record|show|search`: the formal lessons-learned review, and past ones. */
export function lessonsCommand(): Command {
  const command = new Command("lessons").description(
    'lessons-learned reviews and "has this happened before?"',
  );

  command.addCommand(
    sub("record", "record or revise an incident's review from a YAML or JSON file")
      .argument("<incident>")
      .requiredOption(
        "--file <file>",
        "what_happened, went_well, went_poorly, learned, proposals (see docs/postincident.md)",
      )
      .action(
        action(async (ref: string, flags: Flags & { file: string }) => {
          // Whatever the file holds goes to the server, which validates it against the contract.
          let body: LessonsInput;
          try {
            body = parse(readFileSync(flags.file, "utf8"));
          } catch (e) {
            throw invalidInput(`cannot read ${flags.file}: ${(e as Error).message}`);
          }
          const review = await withApi(flags, (api) =>
            api.call(lessons.record, { params: { id: ref }, body }),
          );
          printResult(
            flags,
            review,
            () =>
              `recorded the review of ${ref} (version ${review.version}, ${review.proposals.length} change proposal(s))`,
          );
          return EXIT.ok;
        }),
      ),
  );

  command.addCommand(
    sub("show", "show an incident's review")
      .argument("<incident>")
      .action(
        action(async (ref: string, flags: Flags) => {
          const review = await withApi(flags, (api) =>
            api.call(lessons.get, { params: { id: ref } }),
          );
          printResult(flags, review, reviewLines);
          return EXIT.ok;
        }),
      ),
  );

  command.addCommand(
    sub("search", "has this happened before? past lessons and root causes, best first")
      .argument("<query...>", "words to look for")
      .option("--limit <n>", "how many", "10")
      .action(
        action(async (words: string[], flags: Flags & { limit: string }) => {
          const found = await withApi(flags, (api) =>
            api.call(lessons.search, { query: { q: words.join(" "), limit: flags.limit } }),
          );
          printList(flags, found, hitLine, "nothing like it found");
          return EXIT.ok;
        }),
      ),
  );
  return command;
}
