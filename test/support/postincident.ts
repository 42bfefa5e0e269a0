import type { ClosingObligation } from "../../src/documents/plan.schema.js";
import type { Actor } from "../../src/domain/actor.js";
import type { Incident } from "../../src/domain/incident/model.js";
import * as actions from "../../src/postincident/action-item.service.js";
import { recordLessons } from "../../src/postincident/lessons.service.js";
import * as rca from "../../src/postincident/rca.service.js";
import { generateReport } from "../../src/reports/report.service.js";
import { closingObligations, unmetClosingObligations } from "../../src/response/closing.js";
import { addEvidence } from "../../src/response/evidence.service.js";
import { acknowledgeIncident, declareIncident } from "../../src/response/incident.service.js";
import { addIndicators } from "../../src/response/indicator.service.js";
import { advancePhase, closeIncident } from "../../src/response/phase.service.js";
import { pinnedPlan } from "../../src/response/plan-context.js";
import { updateTask } from "../../src/response/task.service.js";
import { addNote } from "../../src/response/timeline.service.js";
import type { Runtime } from "../../src/runtime.js";

export const operator: Actor = {
  kind: "person",
  id: "operator",
  name: "Local operator",
  admin: true,
};

const REPORT_FOR: Partial<Record<ClosingObligation, string>> = {
  after_action_report: "after-action",
  executive_report: "executive",
};

/**
 * Issues (as Markdown) the reports the plan requires before the incident closes and it does not
 * have yet; the RCA and lessons review are the test's to record.
 */
export async function issueRequiredReports(rt: Runtime, incident: Incident): Promise<void> {
  const plan = await pinnedPlan(rt, incident);
  const required = closingObligations(plan.body, incident.severity);
  for (const missing of await unmetClosingObligations(rt, incident.id, required)) {
    const kind = REPORT_FOR[missing];
    if (kind) await generateReport(rt, incident.id, { kind, format: "md" }, operator);
  }
}

/**
 * Completes the required tasks of the incident's current phase, then advances it; in
 * post-incident, issues the reports closing requires and closes.
 */
export async function finishPhase(rt: Runtime, ref: string): Promise<Incident> {
  const incident = await rt.incidents.get(ref);
  const tasks = await rt.incidents.tasks(incident?.id ?? "");
  for (const t of tasks.filter(
    (x) => x.phase === incident?.phase && x.required && x.status !== "done",
  ))
    await updateTask(rt, ref, t.id, { status: "done" }, operator);
  if (incident?.phase === "post_incident") {
    await issueRequiredReports(rt, incident);
    return closeIncident(rt, ref, {}, operator);
  }
  return advancePhase(rt, ref, {}, operator);
}

/**
 * Takes an incident from where it is to closed, every gate passed by doing the work. With
 * `overrideReason`, closing goes ahead without the RCA and lessons review the plan may require.
 */
export async function closeFully(
  rt: Runtime,
  ref: string,
  overrideReason?: string,
): Promise<Incident> {
  let incident = (await rt.incidents.get(ref)) as Incident;
  while (incident.phase !== "closed") {
    const tasks = await rt.incidents.tasks(incident.id);
    // Remediation items must be settled before closing.
    if (incident.phase === "post_incident")
      for (const t of tasks.filter(
        (x) => x.phase === "remediation" && x.status !== "done" && !x.follow_up,
      ))
        await updateTask(rt, ref, t.id, { status: "done" }, operator);
    if (incident.phase === "post_incident" && overrideReason) {
      for (const t of tasks.filter((x) => x.phase === "post_incident" && x.required))
        if (t.status !== "done") await updateTask(rt, ref, t.id, { status: "done" }, operator);
      incident = await closeIncident(rt, ref, { override: true, reason: overrideReason }, operator);
    } else incident = await finishPhase(rt, ref);
  }
  return incident;
}

/** A ransomware incident with indicators and evidence recorded on it. */
export async function ransomwareWithRecords(
  rt: Runtime,
  extra: Record<string, unknown> = {},
): Promise<{ incident: Incident; indicators: string[]; hashes: string[] }> {
  const incident = await declareIncident(
    rt,
    {
      title: "Files encrypted on FS01",
      type: "ransomware",
      severity: "emergency",
      commander: "amara-okafor",
      source_alerts: ["alert-7f3a", "alert-91bc"],
      assets: ["FS01", "WS-0142"],
      attributes: {
        personal_data: true,
        records_affected: 120000,
        individuals_affected: 48000,
        affected_services: ["file-shares", "erp"],
      },
      ...extra,
    },
    operator,
  );
  const indicators = ["203.0.113.77", "evil-c2.example.net", "d41d8cd98f00b204e9800998ecf8427e"];
  await addIndicators(
    rt,
    incident.id,
    [
      { type: "ip", value: indicators[0] as string, description: "C2 server" },
      { type: "domain", value: indicators[1] as string, description: "C2 domain" },
      { type: "md5", value: indicators[2] as string, description: "loader" },
    ],
    operator,
  );
  const hashes = [
    "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752",
  ];
  await addEvidence(
    rt,
    incident.id,
    {
      name: "FS01 memory image",
      sha256: hashes[0] as string,
      size: 17179869184,
      location: "locker A/12",
      acquired_by: "tomas-lindqvist",
    },
    operator,
  );
  await addEvidence(
    rt,
    incident.id,
    {
      name: "Ransom note",
      sha256: hashes[1] as string,
      size: 2048,
      location: "case share/notes",
      acquired_by: "jonas-weber",
    },
    operator,
  );
  return { incident: (await rt.incidents.get(incident.id)) as Incident, indicators, hashes };
}

const HOUR = 3_600_000;

/**
 * A ransomware incident taken through every phase with a moving clock, with an RCA (root cause,
 * solution, verified action items), a lessons-learned review and a decision: the record an
 * after-action report is made from. The clock must be a `fixedClock` the runtime uses.
 */
export async function fullyWorkedIncident(
  rt: Runtime,
  clock: { advance(ms: number): void },
): Promise<Incident> {
  const { incident } = await ransomwareWithRecords(rt, {
    first_activity_at: new Date(rt.clock.now().getTime() - 30 * HOUR).toISOString(),
    aware_at: new Date(rt.clock.now().getTime() - HOUR).toISOString(),
  });
  clock.advance(10 * 60_000);
  await acknowledgeIncident(rt, incident.id, operator);
  await addNote(
    rt,
    incident.id,
    { kind: "decision", text: "Do not pay the ransom; restore from offline backups." },
    operator,
  );
  for (const hours of [2, 5, 20, 6]) {
    clock.advance(hours * HOUR);
    await finishPhase(rt, incident.id);
  }
  const analysis = await rca.startRca(
    rt,
    {
      incident: incident.id,
      scope: {
        summary: "How the attacker reached FS01 and encrypted it",
        in_scope: ["FS01", "VPN"],
      },
    },
    operator,
  );
  const ev = (await rt.incidents.evidence(incident.id))[0];
  const why1 = await rca.addCause(
    rt,
    analysis.id,
    {
      statement: "The encryptor ran with domain admin rights on FS01",
      evidence: [{ kind: "evidence", id: ev?.id ?? "" }],
      contributing_factors: ["EDR in audit mode on servers"],
    },
    operator,
  );
  const why2 = await rca.addCause(
    rt,
    analysis.id,
    {
      parent_id: why1.cause.id,
      statement: "A domain admin logged on to a phished VPN workstation",
      contributing_factors: ["No tiered admin model"],
    },
    operator,
  );
  const why3 = await rca.addCause(
    rt,
    analysis.id,
    { parent_id: why2.cause.id, statement: "The VPN accepted a password without MFA" },
    operator,
  );
  await rca.identifyRootCause(rt, analysis.id, { cause_id: why3.cause.id }, operator);
  await rca.setSolution(
    rt,
    analysis.id,
    {
      summary: "Phishing-resistant MFA on every remote access path",
      workaround: "VPN limited to managed devices",
    },
    operator,
  );
  const a1 = await actions.addActionItem(
    rt,
    {
      rca: analysis.id,
      title: "Enforce FIDO2 MFA on the VPN",
      owner: "kenji-sato",
      due_at: new Date(rt.clock.now().getTime() + 7 * 24 * HOUR).toISOString(),
    },
    operator,
  );
  await actions.addActionItem(
    rt,
    {
      rca: analysis.id,
      title: "Introduce a tiered admin model",
      owner: "priya-natarajan",
      due_at: new Date(rt.clock.now().getTime() + 60 * 24 * HOUR).toISOString(),
    },
    operator,
  );
  clock.advance(24 * HOUR);
  await actions.updateActionItem(
    rt,
    a1.id,
    {
      status: "done",
      verification: "Login without a security key is refused (tested from a lab laptop)",
    },
    operator,
  );
  await recordLessons(
    rt,
    incident.id,
    {
      what_happened: "A phished VPN password let the attacker in; ransomware encrypted FS01.",
      went_well: ["Offline backups were intact", "Commander appointed within 10 minutes"],
      went_poorly: ["Isolation of FS01 took 3 hours"],
      learned: ["EDR must block on servers, not audit"],
      proposals: [
        {
          target: { kind: "procedure", step_id: "isolate-infected-hosts" },
          change: "Isolate at the switch port when EDR isolation fails",
          rationale: "EDR isolation failed on FS01",
        },
      ],
    },
    operator,
  );
  clock.advance(2 * HOUR);
  return closeFully(rt, incident.id);
}
