import { recordClockNotification } from "../compliance/clock.service.js";
import { declareFromAlerts } from "../detection/alert.service.js";
import { ingestEvents } from "../detection/ingest.service.js";
import { uploadDocuments } from "../documents/document.service.js";
import type { Incident } from "../domain/incident/model.js";
import * as actions from "../postincident/action-item.service.js";
import { getLessons, recordLessons } from "../postincident/lessons.service.js";
import * as rca from "../postincident/rca.service.js";
import { signVersion, submitVersion } from "../preparation/plan-review.service.js";
import { generateReport } from "../reports/report.service.js";
import type { StoredReportMeta } from "../reports/report.types.js";
import { addEvidence } from "../response/evidence.service.js";
import { acknowledgeIncident, classifyIncident } from "../response/incident.service.js";
import { addIndicators } from "../response/indicator.service.js";
import { assignRole } from "../response/role.service.js";
import { addNote } from "../response/timeline.service.js";
import type { Runtime } from "../runtime.js";
import { DAY, MINUTE, storyRuntime, teamActor, workThrough } from "./clockwork.js";
import { DEMO_SOURCE, demoDigest, RANSOMWARE, storyNdjson } from "./events.js";

const AMARA = teamActor("amara-okafor", "Amara Okafor");
const TOMAS = teamActor("tomas-lindqvist", "Tomás Lindqvist");
const PRIYA = teamActor("priya-natarajan", "Priya Natarajan");

/** The attacker's part of the story ends at minute 15; the rest is the responders' own work. */
const ATTACK = RANSOMWARE.filter(([minute]) => minute <= 15);
const RESPONSE = RANSOMWARE.filter(([minute]) => minute > 15);

/**
 * The ransomware story, nine days ago: FS01's shadow copies are deleted and its shares
 * encrypted; the default declaration policy declares the incident from the alerts, and the team
 * works it to closed in a week: a GDPR notification on time, a root-cause analysis, lessons,
 * an action item, and the after-action and executive reports. Yesterday the change its review
 * proposed became version 2 of the ransomware procedure.
 */
export async function loadRansomware(
  rt: Runtime,
  now: number,
): Promise<{ incident: Incident; events: number; reports: StoredReportMeta[] }> {
  const start = now - 9 * DAY;
  const story = storyRuntime(rt, start + 16 * MINUTE);
  const attack = await ingestEvents(story.rt, {
    text: storyNdjson(start, ATTACK),
    source: DEMO_SOURCE,
  });
  let b = await declaredByPolicy(story.rt, attack.incidents);
  story.clock.advance(7 * MINUTE);
  await acknowledgeIncident(story.rt, b.id, AMARA);
  await assignRole(story.rt, b.id, { role: "commander", person: "amara-okafor" }, AMARA);
  story.clock.advance(25 * MINUTE);
  b = await classifyIncident(
    story.rt,
    b.id,
    {
      type: "ransomware",
      severity: "emergency",
      attributes: {
        personal_data: true,
        records_affected: 120000,
        individuals_affected: 48000,
        affected_services: ["file-shares", "erp"],
      },
      reason: "HR and customer exports were on the encrypted shares",
    },
    AMARA,
  );
  await addIndicators(
    story.rt,
    b.id,
    [
      { type: "ip", value: "203.0.113.77", description: "C2 server" },
      { type: "domain", value: "evil-c2.example.net", description: "C2 domain" },
      { type: "md5", value: "d41d8cd98f00b204e9800998ecf8427e", description: "locker.exe" },
    ],
    TOMAS,
  );
  await addNote(
    story.rt,
    b.id,
    { kind: "decision", text: "Do not pay the ransom; restore from offline backups." },
    AMARA,
  );
  story.clock.advance(40 * MINUTE);
  await addEvidence(
    story.rt,
    b.id,
    {
      name: "FS01 memory image",
      description: "Taken before shutdown, with locker.exe still running.",
      sha256: demoDigest("FS01 memory image"),
      size: 68_719_476_736,
      location: "Evidence locker 2, shelf B (encrypted USB drive EV-0193)",
      acquired_by: "tomas-lindqvist",
    },
    TOMAS,
  );
  const phases = {
    detection: 20,
    containment: 6 * 60,
    eradication: 20 * 60,
    recovery: 48 * 60,
    post_incident: 3 * 24 * 60,
  };
  b = await workThrough(story, b.id, phases, "recovery", AMARA, "required");
  await ingestEvents(story.rt, {
    text: storyNdjson(start, RESPONSE, ATTACK.length),
    source: DEMO_SOURCE,
  });
  await recordClockNotification(
    story.rt,
    b.id,
    "gdpr-art-33",
    { deadline_id: "notify-authority", reference: "DPA case 2026-4471" },
    PRIYA,
  );
  b = await workThrough(story, b.id, phases, "post_incident", AMARA, "required");
  story.clock.advance(DAY);
  await postIncidentWork(story.rt, b.id, now);
  // The plan wants the after-action report issued before an emergency closes.
  const reports = [
    await generateReport(story.rt, b.id, { kind: "after-action", format: "md" }, AMARA),
    await generateReport(story.rt, b.id, { kind: "executive", format: "html" }, AMARA),
  ];
  b = await workThrough(story, b.id, phases, "closed", AMARA, "required");
  story.clock.set(new Date(now - DAY));
  await applyProposal(story.rt, b.id);
  return { incident: b, events: ATTACK.length + RESPONSE.length, reports };
}

/** The incident the default policy declared from the alerts, or one declared from them by hand. */
async function declaredByPolicy(
  rt: Runtime,
  outcomes: Awaited<ReturnType<typeof ingestEvents>>["incidents"],
): Promise<Incident> {
  const declared = outcomes.find((o) => o.action === "declared" && o.incident_id);
  if (declared?.incident_id) return (await rt.incidents.get(declared.incident_id)) as Incident;
  const alerts = (await rt.detection.alerts.list({ triage: true, q: "FS01" }, 100)).items;
  return declareFromAlerts(
    rt,
    alerts.map((a) => a.id),
    { type: "ransomware", severity: "emergency" },
    AMARA,
  );
}

/** The root-cause analysis down to the reused password, the lessons, and the action item. */
async function postIncidentWork(rt: Runtime, id: string, now: number): Promise<void> {
  const analysis = await rca.startRca(
    rt,
    {
      incident: id,
      scope: {
        summary: "How the attacker reached FS01 and encrypted it",
        in_scope: ["FS01", "VPN"],
      },
    },
    PRIYA,
  );
  const why1 = await rca.addCause(
    rt,
    analysis.id,
    { statement: "The encryptor ran with svc-backup's domain rights on FS01" },
    PRIYA,
  );
  const why2 = await rca.addCause(
    rt,
    analysis.id,
    {
      parent_id: why1.cause.id,
      statement: "svc-backup's password was reused and found in a phished mailbox",
      contributing_factors: ["No tiered admin model"],
    },
    PRIYA,
  );
  await rca.identifyRootCause(rt, analysis.id, { cause_id: why2.cause.id }, PRIYA);
  await rca.setSolution(
    rt,
    analysis.id,
    { summary: "Managed service accounts with rotated secrets; phishing-resistant MFA" },
    PRIYA,
  );
  await actions.addActionItem(
    rt,
    {
      rca: analysis.id,
      title: "Move svc-backup to a group managed service account",
      owner: "kenji-sato",
      due_at: new Date(now + 14 * DAY).toISOString(),
    },
    PRIYA,
  );
  await recordLessons(rt, id, LESSONS, AMARA);
}

const PROPOSAL = {
  target: { kind: "procedure", step_id: "confirm-and-scope" },
  change:
    "Treat a shadow-copy or backup-catalogue deletion alert as ransomware until shown otherwise; confirm within 15 minutes.",
  rationale: "The deletions on FS01 sat on the dashboard for 40 minutes before anyone looked.",
  status: "accepted",
} as const;

const LESSONS = {
  what_happened: "A reused service-account password let the attacker encrypt FS01's shares.",
  went_well: ["Offline backups were intact", "FS02 restored within a day"],
  went_poorly: ["Shadow copy deletion alerts were not seen for 40 minutes"],
  learned: ["Critical detection alerts need paging, not a dashboard"],
  proposals: [PROPOSAL],
};

/**
 * The ransomware procedure with the review's proposal written in, or undefined when the
 * procedure in force is not the built-in one's text (a library of the user's own): the demo then
 * leaves it alone. The demo's test checks that the built-in library still takes the edit.
 */
function revised(source: string, label: string): string | undefined {
  const edits: [string, string][] = [
    [`version: "${label}"`, 'version: "2026.11"'],
    [
      "      target: PT30M\n      instructions: |\n        1. Confirm the signs",
      "      target: PT15M\n      instructions: |\n        A shadow-copy or backup-catalogue deletion alert pages the on-call analyst: treat it as ransomware until shown otherwise.\n\n        1. Confirm the signs",
    ],
  ];
  if (!edits.every(([from]) => source.includes(from))) return undefined;
  return edits.reduce((text, [from, to]) => text.replace(from, to), source);
}

/**
 * Uploads the ransomware procedure with the review's proposal in it, takes it through approval
 * as the plan in force's approvers (Amara submits, the named approvers sign its hash; v2 comes
 * into force), and marks the proposal applied.
 */
async function applyProposal(rt: Runtime, id: string): Promise<void> {
  const current = await rt.documents.get("procedure", "ransomware");
  const yaml = current && revised(current.source, current.label);
  if (!yaml) return;
  await uploadDocuments(rt.documents, yaml, AMARA, rt.clock);
  const procedure = { kind: "procedure" as const, id: "ransomware" };
  const draft = await submitVersion(rt, { ...procedure, note: PROPOSAL.change }, AMARA);
  // Each signs as an approver, not as an admin: under the example plan an admin's approval
  // alone would bring it into force (ADR 0003), and the story is the approvers' quorum.
  for (const person of draft.required_approvers.slice(0, draft.quorum))
    await signVersion(
      rt,
      { ...procedure, decision: "approve", hash: draft.hash },
      { ...teamActor(person, person), admin: false },
    );
  // Re-saved with the proposal's id, so its history shows accepted, then applied.
  const [accepted] = (await getLessons(rt, id, undefined)).proposals;
  const proposals = [{ ...PROPOSAL, id: accepted?.id, status: "applied" as const }];
  await recordLessons(rt, id, { ...LESSONS, proposals }, AMARA);
}
