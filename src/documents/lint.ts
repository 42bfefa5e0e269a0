import { parseCondition } from "../domain/condition.js";
import { type ConditionVocabulary, checkCondition } from "../domain/condition-check.js";
import { addDuration } from "../domain/duration.js";
import { TEMPLATE_PLACEHOLDERS, unknownPlaceholders } from "../domain/placeholders.js";
import { authorityProblems } from "./authority.lint.js";
import { declarationPolicyProblems, type PolicyProblem } from "./declaration-policy.lint.js";
import { exerciseProblems } from "./exercise.lint.js";
import { obligationProblems } from "./obligation.lint.js";
import { checkOnCall } from "./on-call.schema.js";
import { fulfillingSteps, type PlanDocument } from "./plan.schema.js";
import { preparationProblems } from "./preparation.lint.js";
import type { ProcedureDocument } from "./procedure.schema.js";
import type { LoadedDocument } from "./yaml-loader.js";

export interface LintFinding {
  level: "error" | "warning";
  file: string;
  line: number;
  column: number;
  /** Document kind and id, then the path inside it: `procedure ransomware: steps.containment[0].role`. */
  path: string;
  message: string;
}

export interface LintReport {
  findings: LintFinding[];
  errors: number;
  warnings: number;
}

const GATED_PHASES = ["containment", "eradication", "recovery"] as const;

/**
 * Checks a set of documents *together*: the plan and the procedures must agree on roles,
 * severities, incident types, obligations and conditions. Pure; `now` decides review overdue.
 */
export function lintDocuments(documents: readonly LoadedDocument[], now: Date): LintReport {
  const findings: LintFinding[] = [];
  const at = (
    doc: LoadedDocument,
    path: (string | number)[],
    message: string,
    level: LintFinding["level"] = "error",
  ) => {
    const p = doc.locate(path);
    const where = path.reduce<string>(
      (s, x) => (typeof x === "number" ? `${s}[${x}]` : s ? `${s}.${x}` : x),
      "",
    );
    findings.push({
      level,
      file: doc.file,
      ...p,
      path: `${doc.kind} ${doc.id}${where ? `: ${where}` : ""}`,
      message,
    });
  };

  duplicateDocuments(documents, at);
  const plans = documents.filter((d): d is LoadedDocument<"plan"> => d.kind === "plan");
  const procedures = documents.filter(
    (d): d is LoadedDocument<"procedure"> => d.kind === "procedure",
  );

  if (plans.length === 0) {
    findings.push({
      level: "error",
      file: documents[0]?.file ?? "",
      line: 1,
      column: 1,
      path: "",
      message: "no plan: the set needs exactly one plan document",
    });
    return summarise(findings);
  }
  const plan = plans[0] as LoadedDocument<"plan">;
  for (const extra of plans.slice(1))
    if (extra.id !== plan.id)
      at(extra, ["id"], `a second plan '${extra.id}'; the set has one plan (${plan.id})`);

  lintPlan(plan, at, now);
  const vocab = vocabulary(plan.body);
  for (const proc of procedures) lintProcedure(proc, plan.body, vocab, at);
  lintCoverage(plan, procedures, at);
  const report = (doc: LoadedDocument, problems: PolicyProblem[]) => {
    for (const p of problems) at(doc, p.path, p.message, p.level);
  };
  const procedureBodies = procedures.map((x) => x.body);
  for (const doc of documents) {
    if (doc.kind === "declaration_policy")
      report(
        doc,
        declarationPolicyProblems(
          (doc as LoadedDocument<"declaration_policy">).body,
          plan.body,
          procedureBodies,
        ),
      );
    if (doc.kind === "exercise")
      report(
        doc,
        exerciseProblems((doc as LoadedDocument<"exercise">).body, plan.body, procedureBodies),
      );
  }
  report(plan, preparationProblems(plan.body));
  report(plan, authorityProblems(plan.body));
  return summarise(findings);
}

type Report = (
  doc: LoadedDocument,
  path: (string | number)[],
  message: string,
  level?: LintFinding["level"],
) => void;

export function vocabulary(plan: PlanDocument): ConditionVocabulary {
  return {
    severities: plan.severity_scale.map((s) => s.id),
    types: plan.incident_types.map((t) => t.id),
    attributes: Object.fromEntries(plan.attributes.map((a) => [a.id, a.type])),
  };
}

function duplicateDocuments(documents: readonly LoadedDocument[], at: Report) {
  const seen = new Map<string, LoadedDocument>();
  for (const doc of documents) {
    const key = `${doc.kind}/${doc.id}`;
    const first = seen.get(key);
    if (first && first.hash !== doc.hash)
      at(doc, ["id"], `duplicate ${doc.kind} id '${doc.id}' (also at ${first.file}:${first.line})`);
    else if (!first) seen.set(key, doc);
  }
}

/** Reports repeated ids inside one list of a document. */
function uniqueIds(
  doc: LoadedDocument,
  list: readonly { id: string }[],
  path: (string | number)[],
  what: string,
  at: Report,
) {
  const seen = new Set<string>();
  list.forEach((item, i) => {
    if (seen.has(item.id)) at(doc, [...path, i, "id"], `duplicate ${what} id '${item.id}'`);
    seen.add(item.id);
  });
}

function lintPlan(doc: LoadedDocument<"plan">, at: Report, now: Date) {
  const plan = doc.body;
  uniqueIds(doc, plan.severity_scale, ["severity_scale"], "severity", at);
  uniqueIds(doc, plan.roles, ["roles"], "role", at);
  uniqueIds(doc, plan.team, ["team"], "person", at);
  uniqueIds(doc, plan.channels, ["channels"], "channel", at);
  uniqueIds(doc, plan.communication.audiences, ["communication", "audiences"], "audience", at);
  uniqueIds(doc, plan.compliance, ["compliance"], "obligation", at);
  uniqueIds(doc, plan.incident_types, ["incident_types"], "incident type", at);
  uniqueIds(doc, plan.attributes, ["attributes"], "attribute", at);

  const severities = new Set(plan.severity_scale.map((s) => s.id));
  const roles = new Set(plan.roles.map((r) => r.id));
  const people = new Set(plan.team.map((p) => p.id));
  const channels = new Set(plan.channels.map((c) => c.id));
  /** Reports `severity`, found at `path`, unless it is on the plan's scale. */
  const onScale = (severity: string, path: (string | number)[]) => {
    if (!severities.has(severity))
      at(doc, path, `'${severity}' is not a severity on the plan's scale`);
  };

  plan.team.forEach((person, i) => {
    person.roles.forEach((r, j) => {
      if (!roles.has(r))
        at(doc, ["team", i, "roles", j], `role '${r}' is not defined in the plan's roles`);
    });
  });

  plan.severity_scale.forEach((level, i) => {
    if (!plan.escalation.some((e) => e.severity === level.id))
      at(doc, ["severity_scale", i], `severity '${level.id}' has no escalation path`);
    plan.communication.audiences.forEach((aud, j) => {
      if (!(level.id in aud.cadence))
        at(
          doc,
          ["communication", "audiences", j, "cadence"],
          `audience '${aud.id}' has no update cadence for severity '${level.id}'`,
        );
    });
  });

  plan.communication.audiences.forEach((aud, i) => {
    for (const name of unknownPlaceholders(aud.template ?? ""))
      at(
        doc,
        ["communication", "audiences", i, "template"],
        `template placeholder {{${name}}} is unknown and renders empty (known: ${TEMPLATE_PLACEHOLDERS.join(", ")})`,
        "warning",
      );
    for (const sev of Object.keys(aud.cadence))
      onScale(sev, ["communication", "audiences", i, "cadence", sev]);
    aud.channels.forEach((c, j) => {
      if (!channels.has(c))
        at(
          doc,
          ["communication", "audiences", i, "channels", j],
          `channel '${c}' is not defined in the plan's channels`,
        );
    });
  });

  plan.escalation.forEach((path, i) => {
    onScale(path.severity, ["escalation", i, "severity"]);
    path.steps.forEach((step, j) => {
      step.notify.forEach((recipient, k) => {
        const [what, id = ""] = recipient.split(":");
        const known = what === "role" ? roles : what === "person" ? people : channels;
        if (!known.has(id))
          at(
            doc,
            ["escalation", i, "steps", j, "notify", k],
            `${what} '${id}' is not defined in the plan`,
          );
      });
    });
  });

  plan.incident_types.forEach((t, i) => {
    onScale(t.default_severity, ["incident_types", i, "default_severity"]);
  });

  plan.attributes.forEach((a, i) => {
    if (a.starts && a.type !== "boolean")
      at(doc, ["attributes", i, "starts"], `only a boolean attribute can start ${a.starts}`);
  });
  const vocab = vocabulary(plan);
  plan.communication.audiences.forEach((aud, i) => {
    if (aud.condition)
      conditionProblems(
        doc,
        aud.condition,
        ["communication", "audiences", i, "condition"],
        vocab,
        at,
      );
  });
  plan.compliance.forEach((ob, i) => {
    conditionProblems(doc, ob.trigger, ["compliance", i, "trigger"], vocab, at);
    for (const p of obligationProblems(ob))
      at(doc, ["compliance", i, ...p.path], p.message, p.severity);
  });
  for (const p of checkOnCall(plan.on_call, plan)) at(doc, p.path, p.message, p.severity);

  const due = addDuration(new Date(plan.review.last_review), plan.review.cycle);
  if (due < now)
    at(
      doc,
      ["review", "last_review"],
      `plan review overdue: last reviewed ${plan.review.last_review}, due every ${plan.review.cycle} (since ${due.toISOString().slice(0, 10)})`,
      "warning",
    );
}

function conditionProblems(
  doc: LoadedDocument,
  text: string,
  path: (string | number)[],
  vocab: ConditionVocabulary,
  at: Report,
) {
  let problems: { message: string }[];
  try {
    problems = checkCondition(parseCondition(text), vocab);
  } catch {
    return; // syntax errors were reported when the document loaded
  }
  for (const p of problems) at(doc, path, `condition '${text}': ${p.message}`);
}

/** The order phases are entered in; remediation opens when eradication starts. */
const PHASE_ORDER = [
  "detection",
  "containment",
  "eradication",
  "remediation",
  "recovery",
  "post_incident",
];

function lintProcedure(
  doc: LoadedDocument<"procedure">,
  plan: PlanDocument,
  vocab: ConditionVocabulary,
  at: Report,
) {
  const proc: ProcedureDocument = doc.body;
  const filled = new Set(plan.team.flatMap((p) => p.roles));
  const roles = new Set(plan.roles.map((r) => r.id));
  proc.applies_to.incident_types.forEach((t, i) => {
    if (!vocab.types.includes(t))
      at(doc, ["applies_to", "incident_types", i], `'${t}' is not an incident type in the plan`);
  });
  proc.applies_to.severities.forEach((s, i) => {
    if (!vocab.severities.includes(s))
      at(doc, ["applies_to", "severities", i], `'${s}' is not a severity on the plan's scale`);
  });
  const stepIds = new Set<string>();
  for (const [phase, steps] of Object.entries(proc.steps)) {
    steps.forEach((step, i) => {
      const path = ["steps", phase, i];
      if (stepIds.has(step.id)) at(doc, [...path, "id"], `duplicate step id '${step.id}'`);
      stepIds.add(step.id);
      if (!roles.has(step.role))
        at(doc, [...path, "role"], `role '${step.role}' is not defined in the plan`);
      else if (!filled.has(step.role))
        at(
          doc,
          [...path, "role"],
          `role '${step.role}' is not filled by anyone in the plan's team`,
        );
      if (step.condition) conditionProblems(doc, step.condition, [...path, "condition"], vocab, at);
      const from = step.target_from;
      if (from !== "declaration" && !step.target)
        at(doc, [...path, "target_from"], "target_from without a target is ignored", "warning");
      else if (from !== "declaration" && PHASE_ORDER.indexOf(from) > PHASE_ORDER.indexOf(phase))
        at(
          doc,
          [...path, "target_from"],
          `the step's target counts from entering ${from}, which comes after its own phase ${phase}: it has no due time while it can still block`,
          "warning",
        );
    });
  }
}

function lintCoverage(
  plan: LoadedDocument<"plan">,
  procedures: LoadedDocument<"procedure">[],
  at: Report,
) {
  const byId = new Map(procedures.map((p) => [p.id, p]));
  plan.body.incident_types.forEach((type, i) => {
    const proc = byId.get(type.procedure);
    if (!proc) {
      at(
        plan,
        ["incident_types", i, "procedure"],
        `incident type '${type.id}' names procedure '${type.procedure}', which does not exist`,
      );
      return;
    }
    if (!proc.body.applies_to.incident_types.includes(type.id))
      at(
        proc,
        ["applies_to", "incident_types"],
        `the plan assigns incident type '${type.id}' to this procedure, but it does not apply to it`,
      );
    for (const phase of GATED_PHASES)
      if (!proc.body.steps[phase].some((s) => s.required))
        at(
          proc,
          ["steps", phase],
          `incident type '${type.id}': phase ${phase} has no required step`,
        );
  });
  plan.body.compliance.forEach((ob, i) => {
    const list = Array.isArray(ob.fulfilled_by);
    fulfillingSteps(ob).forEach((f, j) => {
      const candidates = f.procedure ? [byId.get(f.procedure)] : [...byId.values()];
      const found = candidates.some((proc) =>
        Object.values(proc?.body.steps ?? {}).some((steps) => steps.some((s) => s.id === f.step)),
      );
      if (!found)
        at(
          plan,
          ["compliance", i, "fulfilled_by", ...(list ? [j] : [])],
          f.procedure
            ? `obligation '${ob.id}' points at step '${f.procedure}/${f.step}', which does not exist`
            : `obligation '${ob.id}' points at step '${f.step}', which no procedure has`,
        );
    });
  });
}

function summarise(findings: LintFinding[]): LintReport {
  findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  const errors = findings.filter((f) => f.level === "error").length;
  return { findings, errors, warnings: findings.length - errors };
}
