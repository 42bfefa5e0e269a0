import type { Command } from "commander";
import { preparation, type ReadinessView } from "../../contract/preparation.js";
import { type ApiFlags, withApi } from "../api.js";
import { action, EXIT, printJson, printLine, printList } from "../io.js";
import { sub } from "./incident-args.js";

type Flags = ApiFlags & {
  json?: boolean;
  history?: boolean;
  exercisedWithin?: string;
  coverageWindow?: string;
  failUnder?: string;
};

/** `███████░░░` for a score out of 100: twenty cells, five points each. */
export function bar(score: number, width = 20): string {
  const full = Math.round((Math.max(0, Math.min(100, score)) / 100) * width);
  return `${"█".repeat(full)}${"░".repeat(width - full)}`;
}

const MARK = { ok: "✓", warning: "!", failing: "✗" } as const;

/** The readiness breakdown for people: the score, each part with its points, and why. */
export function formatReadiness(r: ReadinessView): string[] {
  const lines = [`Readiness ${r.score}/100  ${bar(r.score)}`, ""];
  const width = Math.max(...r.components.map((c) => c.title.length));
  for (const c of r.components) {
    const points = `${c.score.toFixed(1).padStart(4)}/${c.weight}`;
    lines.push(`  ${MARK[c.status]} ${c.title.padEnd(width)}  ${points}  ${c.summary}`);
    for (const reason of c.reasons.slice(0, 8)) lines.push(`      - ${reason}`);
    if (c.reasons.length > 8) lines.push(`      … and ${c.reasons.length - 8} more`);
  }
  lines.push(
    "",
    `Plan ${r.plan.id} v${r.plan.version}; types count as exercised within ${r.options.exercised_within}, log sources as seen within ${r.options.coverage_window}.`,
  );
  return lines;
}

/** `firebreak readiness`: the readiness score now, or its history. */
export function readinessCommand(): Command {
  return sub("readiness", "the readiness score (0–100) and why it is not 100")
    .option("--history", "the stored history instead (oldest first)")
    .option("--exercised-within <duration>", "incident types count as exercised within (P12M)")
    .option("--coverage-window <duration>", "log sources count as seen within (P7D)")
    .option("--fail-under <score>", "exit 1 when the score is below this (for scheduled checks)")
    .action(
      action(async (flags: Flags) => {
        if (flags.history) {
          const { items } = await withApi(flags, (api) => api.call(preparation.history));
          printList(
            flags,
            { items },
            (p) =>
              `${p.taken_at.slice(0, 16).replace("T", " ")}  ${String(p.score).padStart(3)}  ${bar(p.score)}`,
            "no readiness history yet (the server keeps it)",
          );
          return EXIT.ok;
        }
        const r = await withApi(flags, (api) =>
          api.call(preparation.readiness, {
            query: {
              exercised_within: flags.exercisedWithin,
              coverage_window: flags.coverageWindow,
            },
          }),
        );
        if (flags.json) printJson(r);
        else for (const line of formatReadiness(r)) printLine(line);
        const floor = flags.failUnder === undefined ? undefined : Number(flags.failUnder);
        return floor !== undefined && r.score < floor ? EXIT.failed : EXIT.ok;
      }),
    );
}
