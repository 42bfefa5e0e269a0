import { writeFileSync } from "node:fs";
import { Command } from "commander";
import { type ExerciseRunView, exercises, type RunViewAnswer } from "../../contract/exercises.js";
import { type ApiFlags, withApi } from "../api.js";
import { action, EXIT, printJson, printLine, printResult } from "../io.js";
import { follow, localRunner, scoreLines } from "./exercise-follow.js";
import { sub } from "./incident-args.js";

type Flags = ApiFlags & { json?: boolean };
const onRun = (run: string) => ({ params: { run } });

function runLine(r: ExerciseRunView): string {
  const score = (r.score as { score?: number } | null)?.score;
  return `${r.human_id}  ${r.status.padEnd(9)} ${r.started_at.slice(0, 16).replace("T", " ")}  ${String(r.speed).padStart(4)}×  ${score === undefined ? "  –" : String(score).padStart(3)}  ${r.title}`;
}

function printRun(r: RunViewAnswer): void {
  printLine(`${r.human_id}: ${r.title} (${r.exercise.format}, ${r.speed}×) ${r.status}`);
  printLine(
    `expected ${r.exercise.expected.incident_type} / ${r.exercise.expected.severity}; incidents: ${r.incidents.map((i) => `${i.human_id} ${i.type}/${i.severity} ${i.phase}`).join(", ") || "none yet"}`,
  );
  for (const i of r.injects) {
    const q = i.question
      ? `  [question${i.question.answer ? `: answered ${i.question.answer.choice ?? "in words"}` : ""}]`
      : "";
    printLine(
      `  ${i.delivered_at ? "✓" : " "} ${i.at.padEnd(6)} ${i.id.padEnd(24)} ${i.title}${q}`,
    );
  }
  if (r.status !== "running") for (const l of scoreLines(r)) printLine(l);
}

/** `firebreak exercise …`: list exercises, run them, answer, declare, finish, report. */
export function exerciseCommand(): Command {
  const ex = new Command("exercise").description(
    "drills and tabletop exercises, replayed through the real pipeline",
  );

  ex.addCommand(
    sub("list", "the exercises in the library, and recent runs").action(
      action(async (flags: Flags) => {
        const [library, runs] = await withApi(flags, (api) =>
          Promise.all([
            api.call(exercises.list),
            api.call(exercises.runs, { query: { limit: 20 } }),
          ]),
        );
        if (flags.json) printJson({ exercises: library.items, runs: runs.items });
        else {
          for (const e of library.items)
            printLine(
              `${e.id.padEnd(24)} ${e.format.padEnd(9)} ${e.duration.padEnd(5)} ${e.injects} injects  ${e.title}`,
            );
          if (runs.items.length) printLine("\nrecent runs:");
          for (const r of runs.items) printLine(runLine(r));
        }
        return EXIT.ok;
      }),
    ),
  );

  ex.addCommand(
    sub("run", "start a run; without --server the injects are replayed by this process")
      .argument("<exercise>", "exercise id, e.g. ransomware-phishing")
      .option("--speed <n>", "scenario seconds per real second (60: an hour a minute)", "1")
      .option("--detach", "start it and return (a server's worker replays the injects)")
      .action(
        action(async (id: string, flags: Flags & { speed: string; detach?: boolean }) => {
          const start = (api: Parameters<Parameters<typeof withApi>[1]>[0]) =>
            api.call(exercises.start, { params: { id }, body: { speed: Number(flags.speed) } });
          const announce = (r: RunViewAnswer) => {
            if (!flags.json)
              printLine(
                `${r.human_id} started: ${r.title} at ${r.speed}× (ends ${r.ends_at.slice(11, 19)} UTC). Answer with: firebreak exercise answer ${r.human_id} <inject> <choice>`,
              );
          };
          if (flags.server || flags.detach) {
            const run = await withApi(flags, async (api) => {
              const r = await start(api);
              announce(r);
              return flags.detach ? r : follow(api, r.id, Boolean(flags.json));
            });
            if (flags.json) printJson(run);
            else if (run.status !== "running") for (const l of scoreLines(run)) printLine(l);
            return EXIT.ok;
          }
          const local = await localRunner(flags);
          const interrupt = () => {
            process.stderr.write(
              "\nstopped following; the run goes on when a server runs the worker (or finish it: firebreak exercise finish)\n",
            );
            local.close().finally(() => process.exit(EXIT.ok));
          };
          process.once("SIGINT", interrupt);
          try {
            const r = await start(local.api);
            announce(r);
            const run = await follow(local.api, r.id, Boolean(flags.json), 500);
            printResult(flags, run, scoreLines);
          } finally {
            process.off("SIGINT", interrupt);
            await local.close();
          }
          return EXIT.ok;
        }),
      ),
  );

  ex.addCommand(
    sub("show", "a run: injects, answers, incidents, and the score once ended")
      .argument("<run>", "run id, e.g. RUN-2026-0001")
      .action(
        action(async (ref: string, flags: Flags) => {
          const r = await withApi(flags, (api) => api.call(exercises.run, onRun(ref)));
          if (flags.json) printJson(r);
          else printRun(r);
          return EXIT.ok;
        }),
      ),
  );

  ex.addCommand(
    sub("answer", "answer a question inject (a choice id, or --text for an open question)")
      .argument("<run>", "run id")
      .argument("<inject>", "the question's inject id")
      .argument("[choice]", "the chosen option's id")
      .option("--text <answer>", "the answer in words")
      .option("--correct", "facilitator: mark a free-text answer right")
      .option("--wrong", "facilitator: mark a free-text answer wrong")
      .action(
        action(
          async (
            ref: string,
            inject: string,
            choice: string | undefined,
            flags: Flags & { text?: string; correct?: boolean; wrong?: boolean },
          ) => {
            const r = await withApi(flags, (api) =>
              api.call(exercises.answer, {
                ...onRun(ref),
                body: {
                  inject,
                  ...(choice ? { choice } : {}),
                  ...(flags.text ? { text: flags.text } : {}),
                  ...(flags.correct ? { correct: true } : flags.wrong ? { correct: false } : {}),
                },
              }),
            );
            printResult(flags, r, () => `answer to ${inject} recorded for ${r.human_id}`);
            return EXIT.ok;
          },
        ),
      ),
  );

  ex.addCommand(
    sub("declare", "declare the run's exercise incident (or link one with --incident)")
      .argument("<run>", "run id")
      .option("--type <type>", "incident type")
      .option("--severity <severity>", "severity")
      .option("--title <title>", "title")
      .option("--incident <ref>", "an exercise incident already declared (EXR-…)")
      .action(
        action(
          async (
            ref: string,
            flags: Flags & { type?: string; severity?: string; title?: string; incident?: string },
          ) => {
            const { type, severity, title, incident } = flags;
            const body = Object.fromEntries(
              Object.entries({ type, severity, title, incident }).filter(([, v]) => v),
            );
            const r = await withApi(flags, (api) =>
              api.call(exercises.declare, { ...onRun(ref), body }),
            );
            printResult(
              flags,
              r,
              () =>
                `${r.human_id}: ${r.incidents.map((i) => `${i.human_id} ${i.type}/${i.severity}`).join(", ")}`,
            );
            return EXIT.ok;
          },
        ),
      ),
  );

  for (const [name, what] of [
    ["finish", "end the run now and score it (gaps become action items)"],
    ["cancel", "stop the run without scoring it"],
  ] as const)
    ex.addCommand(
      sub(name, what)
        .argument("<run>", "run id")
        .option("--reason <text>", "why", name === "cancel" ? "cancelled from the CLI" : undefined)
        .action(
          action(async (ref: string, flags: Flags & { reason?: string }) => {
            const r = await withApi(flags, (api) =>
              name === "cancel"
                ? // cancelling requires a reason, which --reason defaults for it
                  api.call(exercises.cancel, {
                    ...onRun(ref),
                    body: { reason: flags.reason ?? "" },
                  })
                : api.call(exercises.finish, {
                    ...onRun(ref),
                    body: flags.reason ? { reason: flags.reason } : {},
                  }),
            );
            printResult(flags, r, scoreLines);
            return EXIT.ok;
          }),
        ),
    );

  ex.addCommand(
    sub("report", "the exercise after-action report")
      .argument("<run>", "run id")
      .option("--format <format>", "md | html | pdf", "md")
      .option("--out <file>", "where to write it (default: RUN-…-report.<format>; - for stdout)")
      .action(
        action(async (ref: string, flags: Flags & { format: string; out?: string }) => {
          const r = await withApi(flags, (api) =>
            api.call(exercises.report, {
              ...onRun(ref),
              // As typed on the command line: the server refuses another format (400).
              query: { format: flags.format as "md" | "html" | "pdf", as_json: "true" },
            }),
          );
          const bytes = Buffer.from(r.content_base64, "base64");
          if (flags.out === "-") process.stdout.write(bytes);
          else {
            const out = flags.out ?? `${ref.toUpperCase()}-report.${flags.format}`;
            writeFileSync(out, bytes);
            if (flags.json) printJson({ title: r.title, file: out, size: bytes.length });
            else printLine(`${r.title} → ${out}`);
          }
          return EXIT.ok;
        }),
      ),
  );
  return ex;
}
