import { Command } from "commander";
import {
  type DocumentStatusView as DocumentStatus,
  planReview,
  type VersionStatusView as VersionStatus,
} from "../../contract/plan-review.js";
import type { DocumentKind } from "../../domain/document-kind.js";
import { type ApiFlags, withApi } from "../api.js";
import { action, EXIT, printJson, printLine, printList, printResult } from "../io.js";
import { sub } from "./incident-args.js";

type Flags = ApiFlags & { json?: boolean };
/** One document's approval endpoints: a plan's, or any document's. */
type Review = typeof planReview.plan | typeof planReview.document;
/** The document the command names, as the review endpoints' params, from its flags. */
type ParamsOf = (flags: never) => { id: string } | { kind: DocumentKind; id: string };

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : "–");

/** Whose sign-off a version in review awaits: "2 of a, b, c" when the quorum needs fewer. */
function awaited(v: VersionStatus): string {
  if (v.missing.length === 0) return "an approver";
  const signed = v.required_approvers.length - v.missing.length;
  const needed = Math.max(v.quorum - signed, 1);
  return needed < v.missing.length ? `${needed} of ${v.missing.join(", ")}` : v.missing.join(", ");
}

/** One version as a line: number, label, state, hash, who signed or is awaited. */
export function versionLine(v: VersionStatus): string {
  const who =
    v.state === "in_review"
      ? `waiting for ${awaited(v)} (quorum ${v.quorum})`
      : v.approvals.length
        ? `signed by ${v.approvals.map((a) => `${a.person} ${day(a.at)}`).join(", ")}`
        : "";
  const state = `${v.state}${v.in_force ? ", in force" : ""}`;
  return `v${String(v.version).padEnd(3)} ${v.label.padEnd(10)} ${state.padEnd(24)} ${v.hash.slice(0, 12)}  ${who}`;
}

function printStatus(s: DocumentStatus): void {
  const c = s.current;
  printLine(
    c.in_force
      ? `${s.title} (${s.kind} ${s.plan_id}): v${c.version} in force${c.state === "draft" ? ", never approved (first load)" : ` is ${c.state.replace(/_/g, " ")}`}`
      : `${s.title} (${s.kind} ${s.plan_id}): no version in force (${c.state})`,
  );
  if (s.pending)
    printLine(`v${s.pending.version} awaits approval: ${s.pending.state.replace(/_/g, " ")}`);
  if (c.review_due_at) printLine(`review due ${day(c.review_due_at)}`);
  printLine(
    `approvers (plan in force): ${c.required_approvers.length ? `${c.quorum} of ${c.required_approvers.join(", ")}` : `any of ${c.eligible_approvers.join(", ")}, or an admin`}`,
  );
  printLine("");
  for (const v of s.versions) printLine(versionLine(v));
}

/**
 * Adds status, submit, approve, request-changes and diff to a command; `plan` and `documents`
 * share them and differ only in how the document is named (`--plan`, or `--kind` and `--id`).
 */
export function addReviewCommands(
  parent: Command,
  withDoc: (c: Command) => Command,
  review: Review,
  paramsOf: ParamsOf,
): Command {
  const params = paramsOf as (flags: Flags) => ReturnType<ParamsOf>;
  parent.addCommand(
    withDoc(
      sub("status", "each version's approval state, which one is in force, sign-offs"),
    ).action(
      action(async (flags: Flags) => {
        const s = await withApi(flags, (api) => api.call(review.status, { params: params(flags) }));
        if (flags.json) printJson(s);
        else printStatus(s);
        return EXIT.ok;
      }),
    ),
  );

  parent.addCommand(
    withDoc(sub("submit", "submit a version (default: the newest) for approval"))
      .option("--version <v>", "version number, current (in force) or latest")
      .option("--note <text>", "what changed, for the approvers")
      .action(
        action(async (flags: Flags & { version?: string; note?: string }) => {
          const v = await withApi(flags, (api) =>
            api.call(review.submit, {
              params: params(flags),
              body: {
                ...(flags.version ? { version: flags.version } : {}),
                ...(flags.note ? { note: flags.note } : {}),
              },
            }),
          );
          printResult(
            flags,
            v,
            () => `v${v.version} submitted for approval; waiting for ${awaited(v)}`,
          );
          return EXIT.ok;
        }),
      ),
  );

  const sign = (name: string, decision: "approve" | "request_changes", what: string) =>
    withDoc(sub(name, what))
      .option("--version <v>", "version number (default: the version in review)")
      .option("--hash <sha256>", "the hash of the text you read (refused if it differs)")
      .option("--as <person>", "admins: record this team person's sign-off")
      .option(
        "--comment <text>",
        decision === "approve" ? "a remark" : "what should change (required)",
      )
      .action(
        action(
          async (
            flags: Flags & { version?: string; hash?: string; as?: string; comment?: string },
          ) => {
            const v = await withApi(flags, (api) =>
              api.call(review.sign, {
                params: params(flags),
                body: {
                  decision,
                  ...(flags.version ? { version: flags.version } : {}),
                  ...(flags.hash ? { hash: flags.hash } : {}),
                  ...(flags.as ? { as: flags.as } : {}),
                  ...(flags.comment ? { comment: flags.comment } : {}),
                },
              }),
            );
            printResult(flags, v, versionLine);
            return EXIT.ok;
          },
        ),
      );
  parent.addCommand(
    sign(
      "approve",
      "approve",
      "sign off the version in review (with its hash); at quorum it comes into force",
    ),
  );
  parent.addCommand(sign("request-changes", "request_changes", "send the version in review back"));

  parent.addCommand(
    withDoc(sub("diff", "what changed between two versions (3, v3, current, latest, approved)"))
      .argument("[from]", "older version (default: the one in force)", "current")
      .argument("[to]", "newer version (default: the newest)", "latest")
      .option("--summary", "only the structural summary, not the YAML lines")
      .action(
        action(async (from: string, to: string, flags: Flags & { summary?: boolean }) => {
          const d = await withApi(flags, (api) =>
            api.call(review.diff, { params: params(flags), query: { from, to } }),
          );
          if (flags.json) {
            printJson(d);
            return EXIT.ok;
          }
          printLine(`v${d.from.version} (${d.from.label}) → v${d.to.version} (${d.to.label})`);
          if (d.identical) printLine("identical content");
          for (const s of d.summary) printLine(`  * ${s}`);
          printLine(`  ${d.stats.added_lines} line(s) added, ${d.stats.removed_lines} removed`);
          if (!flags.summary && !d.identical) printLine(`\n${d.unified}`);
          return EXIT.ok;
        }),
      ),
  );
  return parent;
}

type DocFlags = Flags & { kind: string; id: string };
// The kind as typed on the command line: the server refuses one it does not know (400).
const docParams = (flags: DocFlags) => ({ kind: flags.kind as DocumentKind, id: flags.id });

/**
 * `firebreak documents …`: approval of any document kind (plan, procedure, declaration_policy,
 * exercise) — status, submit, approve, request-changes, diff, and retire.
 */
export function documentsCommand(): Command {
  const documents = new Command("documents").description(
    "approval of plans, procedures, declaration policies and exercises: a new version comes into force only once approved",
  );
  const withDoc = (c: Command) =>
    c
      .requiredOption("--kind <kind>", "plan, procedure, declaration_policy or exercise")
      .requiredOption("--id <id>", "the document's id");
  documents.addCommand(
    sub("pending", "every document whose newest version awaits approval").action(
      action(async (flags: Flags) => {
        const page = await withApi(flags, (api) => api.call(planReview.pending));
        printList(
          flags,
          page,
          (s) =>
            `${s.kind}/${s.plan_id}: v${s.pending?.version} ${s.pending?.state.replace(/_/g, " ")} (in force: ${s.current.in_force ? `v${s.current.version}` : "none"})`,
          "nothing awaits approval",
        );
        return EXIT.ok;
      }),
    ),
  );
  addReviewCommands(documents, withDoc, planReview.document, docParams);
  documents.addCommand(
    withDoc(sub("retire", "take a document (not the plan) out of force; running incidents keep it"))
      .requiredOption("--reason <text>", "why it is no longer used")
      .action(
        action(async (flags: DocFlags & { reason: string }) => {
          const s = await withApi(flags, (api) =>
            api.call(planReview.retire, {
              params: docParams(flags),
              body: { reason: flags.reason },
            }),
          );
          printResult(
            flags,
            s,
            () => `${s.kind} ${s.plan_id} retired: no version of it is in force`,
          );
          return EXIT.ok;
        }),
      ),
  );
  return documents;
}
