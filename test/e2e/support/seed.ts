import { ingestEvents } from "../../../src/detection/ingest.service.js";
import type { Actor } from "../../../src/domain/actor.js";
import { declareIncident } from "../../../src/response/incident.service.js";
import { advancePhase } from "../../../src/response/phase.service.js";
import { updateTask } from "../../../src/response/task.service.js";
import { addNote } from "../../../src/response/timeline.service.js";
import type { Runtime } from "../../../src/runtime.js";
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
