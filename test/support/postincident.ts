import type { Actor } from "../../src/domain/actor.js";
import { addEvidence } from "../../src/response/evidence.service.js";
import { declareIncident } from "../../src/response/incident.service.js";
import type { Incident } from "../../src/response/incident.types.js";
import { addIndicators } from "../../src/response/indicator.service.js";
import { advancePhase, closeIncident } from "../../src/response/phase.service.js";
import { updateTask } from "../../src/response/task.service.js";
import type { Runtime } from "../../src/runtime.js";

export const operator: Actor = {
  kind: "person",
  id: "operator",
  name: "Local operator",
  admin: true,
};

/** Completes the required tasks of the incident's current phase, then advances it. */
export async function finishPhase(rt: Runtime, ref: string): Promise<Incident> {
  const incident = await rt.incidents.get(ref);
  const tasks = await rt.incidents.tasks(incident?.id ?? "");
  for (const t of tasks.filter(
    (x) => x.phase === incident?.phase && x.required && x.status !== "done",
  ))
    await updateTask(rt, ref, t.id, { status: "done" }, operator);
  if (incident?.phase === "post_incident") return closeIncident(rt, ref, {}, operator);
  return advancePhase(rt, ref, {}, operator);
}

/** Takes an incident from where it is to closed, every gate passed by doing the work. */
export async function closeFully(rt: Runtime, ref: string): Promise<Incident> {
  let incident = (await rt.incidents.get(ref)) as Incident;
  while (incident.phase !== "closed") {
    const tasks = await rt.incidents.tasks(incident.id);
    // Remediation items must be settled before closing.
    if (incident.phase === "post_incident")
      for (const t of tasks.filter(
        (x) => x.phase === "remediation" && x.status !== "done" && !x.follow_up,
      ))
        await updateTask(rt, ref, t.id, { status: "done" }, operator);
    incident = await finishPhase(rt, ref);
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
