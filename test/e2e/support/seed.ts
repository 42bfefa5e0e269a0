import { ingestEvents } from "../../../src/detection/ingest.service.js";
import type { Actor } from "../../../src/domain/actor.js";
import { addActionItem } from "../../../src/postincident/action-item.service.js";
import { recordLessons } from "../../../src/postincident/lessons.service.js";
import {
  addCause,
  identifyRootCause,
  setSolution,
  startRca,
} from "../../../src/postincident/rca.service.js";
import { upsertAssets } from "../../../src/response/asset.service.js";
import { addEvidence } from "../../../src/response/evidence.service.js";
import { declareIncident } from "../../../src/response/incident.service.js";
import { addIndicator } from "../../../src/response/indicator.service.js";
import { advancePhase } from "../../../src/response/phase.service.js";
import { openProblem } from "../../../src/response/problem.service.js";
import { updateTask } from "../../../src/response/task.service.js";
import { addNote } from "../../../src/response/timeline.service.js";
import type { Runtime } from "../../../src/runtime.js";
import { postIncidentDeps } from "../../../src/store/postincident.wiring.js";
import { encodedPowershell, failedLogon, logCleared } from "../../support/detection.js";

export const SEED_ACTOR: Actor = {
  kind: "person",
  id: "priya-natarajan",
  name: "Priya Natarajan",
  admin: true,
};

/** Completes the current phase's required tasks and advances, `times` times. */
async function advance(rt: Runtime, ref: string, times: number) {
  for (let i = 0; i < times; i++) {
    const incident = await rt.incidents.get(ref);
    if (!incident) throw new Error(`no incident ${ref}`);
    for (const t of await rt.incidents.tasks(incident.id))
      if (t.phase === incident.phase && t.required && t.status !== "done")
        await updateTask(rt, ref, t.id, { status: "done" }, SEED_ACTOR);
    await advancePhase(rt, ref, {}, SEED_ACTOR);
  }
}

/**
 * A few incidents in different phases and severities, so the dashboard and lists have
 * something to show. Returns their human ids, most severe first.
 */
export async function seedIncidents(rt: Runtime): Promise<string[]> {
  const ddos = await declareIncident(
    rt,
    {
      title: "Customer portal unreachable under traffic flood",
      type: "denial-of-service",
      severity: "disaster",
      attributes: { customer_impact: true, affected_services: ["customer-portal"] },
      commander: "amara-okafor",
    },
    SEED_ACTOR,
  );
  await advance(rt, ddos.human_id, 1);
  await addNote(
    rt,
    ddos.human_id,
    { text: "Scrubbing service engaged; 70% of the flood filtered upstream." },
    SEED_ACTOR,
  );

  const phishing = await declareIncident(
    rt,
    {
      title: "Credential phishing against finance team",
      type: "phishing",
      severity: "emergency",
      attributes: { personal_data: true },
    },
    SEED_ACTOR,
  );
  await addNote(
    rt,
    phishing.human_id,
    { text: "Decision: block the sender domain at the gateway.", kind: "decision" },
    SEED_ACTOR,
  );

  const laptop = await declareIncident(
    rt,
    { title: "Laptop stolen from a car", type: "lost-device", severity: "inconvenience" },
    SEED_ACTOR,
  );
  await advance(rt, laptop.human_id, 3);

  return [ddos.human_id, phishing.human_id, laptop.human_id];
}

/**
 * Alerts waiting for triage, raised by the library's Sigma rules from ingested Windows events:
 * encoded PowerShell on a workstation, a cleared Security log on a server, and a burst of
 * failed logons for one account (the brute-force rule).
 */
export async function seedAlerts(rt: Runtime): Promise<void> {
  const events = [
    encodedPowershell("WS-017"),
    logCleared("SRV-DB-02"),
    ...Array.from({ length: 10 }, () => failedLogon("VPN-GW-01", "j.doe")),
  ];
  await ingestEvents(rt, { text: events.map((e) => JSON.stringify(e)).join("\n") });
}

/** Evidence, indicators and assets on an incident, and a problem linking two incidents. */
export async function seedDetails(rt: Runtime, refs: string[]): Promise<void> {
  const [ddos, phishing] = refs as [string, string];
  await addEvidence(
    rt,
    ddos,
    {
      name: "Edge router NetFlow export, 14:00–15:00",
      description: "Flow records for the attack window from both edge routers.",
      sha256: "9f2c4e1b7a0d3c5e8f6a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e",
      size: 734_003_200,
      location: "Evidence locker S3 bucket ir-evidence/2026-0001/",
      acquired_by: "Priya Natarajan",
    },
    SEED_ACTOR,
  );
  for (const [type, value, description] of [
    ["ip", "203.0.113.45", "Top source of SYN flood traffic"],
    ["domain", "booter-panel[.]example", "Stresser service advertised in the ransom e-mail"],
    ["url", "hxxps://booter-panel[.]example/pay", "Payment page"],
  ] as const)
    await addIndicator(rt, ddos, { type, value, description }, SEED_ACTOR);
  await upsertAssets(
    rt,
    ddos,
    [
      { name: "customer-portal", kind: "service", status: "compromised" },
      { name: "edge-lb-01", kind: "server", status: "contained" },
    ],
    SEED_ACTOR,
  );
  await openProblem(
    rt,
    {
      title: "Customer portal has no upstream DDoS protection",
      description: "Two floods this quarter reached the origin directly.",
      incidents: [ddos, phishing],
    },
    SEED_ACTOR,
  );
}

/** Post-incident work on the lost laptop: an analysis down to its root cause, lessons, actions. */
export async function seedPostIncident(rt: Runtime, ref: string): Promise<void> {
  const deps = postIncidentDeps(rt);
  const rca = await startRca(
    deps,
    {
      incident: ref,
      title: "Why the stolen laptop held customer data",
      scope: { summary: "How customer exports came to be stored unencrypted on the laptop." },
    },
    SEED_ACTOR,
  );
  const top = await addCause(
    deps,
    rca.human_id,
    { statement: "Customer exports were saved to the laptop's local disk" },
    SEED_ACTOR,
  );
  const root = await addCause(
    deps,
    rca.human_id,
    {
      statement: "Disk encryption was never enforced on laptops enrolled before 2025",
      parent_id: top.cause.id,
    },
    SEED_ACTOR,
  );
  await identifyRootCause(deps, rca.human_id, { cause_id: root.cause.id }, SEED_ACTOR);
  await setSolution(
    deps,
    rca.human_id,
    { summary: "Enforce full-disk encryption through device management on every laptop." },
    SEED_ACTOR,
  );
  await recordLessons(
    deps,
    ref,
    {
      what_happened: "A laptop with unencrypted customer exports was stolen from a parked car.",
      went_well: ["Remote wipe confirmed within 40 minutes"],
      went_poorly: ["Nobody knew which exports were on the device"],
      learned: ["Device management must report encryption status daily"],
    },
    SEED_ACTOR,
  );
  const day = 86_400_000;
  for (const [title, owner, due] of [
    ["Enforce disk encryption on all laptops", "jonas-weber", Date.now() + 14 * day],
    ["Report unencrypted devices daily", "priya-natarajan", Date.now() - day],
  ] as const)
    await addActionItem(
      deps,
      { title, owner, due_at: new Date(due).toISOString(), incident: ref },
      SEED_ACTOR,
    );
}
