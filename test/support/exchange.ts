import type { IndicatorType } from "../../src/domain/incident/indicator-types.js";
import type { Incident } from "../../src/domain/incident/model.js";
import { upsertAssets } from "../../src/response/asset.service.js";
import { addIncidentTechnique } from "../../src/response/attack.service.js";
import { addEvidence } from "../../src/response/evidence.service.js";
import { addIndicators } from "../../src/response/indicator.service.js";
import type { Runtime } from "../../src/runtime.js";
import { declareRansomware, operator } from "./response-helpers.js";

/** One value of every indicator type Firebreak knows, as a person might paste it. */
export const EVERY_TYPE: Record<IndicatorType, string> = {
  ip: "203.0.113.7",
  domain: "evil[.]example.com",
  url: "hxxps://evil.example.com/payload?id=1",
  email: "Billing@Evil.example.com",
  md5: "44d88612fea8a8f36de82e1278abb02f",
  sha1: "3395856ce81f2b7382dee72602f798b642f14140",
  sha256: "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f",
  file_name: "O'Brien invoice.exe",
  file_path: "C:\\Users\\Public\\svc host.exe",
  registry_key: "HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run",
  user_agent: "Mozilla/5.0 (compatible; EvilBot/1.0)",
  asn: "AS64496",
  cve: "cve-2024-3400",
  mutex: "Global\\EvilMutex",
};

/**
 * A ransomware incident with something of everything an export carries: an indicator of every
 * type, assets of each kind (one updated twice), an evidence item and a technique added by hand.
 */
export async function incidentWithEverything(rt: Runtime, title?: string): Promise<Incident> {
  const incident = await declareRansomware(rt, title);
  const ref = incident.human_id;
  await addIndicators(
    rt,
    ref,
    Object.entries(EVERY_TYPE).map(([type, value]) => ({ type, value, description: "seen" })),
    operator,
  );
  await upsertAssets(
    rt,
    ref,
    [
      { name: "FS01", kind: "host", status: "compromised" },
      { name: "10.0.4.12", kind: "host", status: "suspected" },
      { name: "svc-backup", kind: "account", status: "contained" },
      { name: "Payroll database", kind: "service", status: "suspected" },
    ],
    operator,
  );
  await upsertAssets(rt, ref, [{ name: "FS01", status: "contained" }], operator);
  await addEvidence(
    rt,
    ref,
    {
      name: "memory.raw",
      sha256: "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae",
      size: 1024,
      location: "locker 3",
      acquired_by: "tomas",
    },
    operator,
  );
  await addIncidentTechnique(rt, ref, { technique: "T1486", reason: "files encrypted" }, operator);
  return incident;
}
