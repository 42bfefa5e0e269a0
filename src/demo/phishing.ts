import { postStatusUpdate } from "../comms/status-updates/status-update.service.js";
import { declareFromAlerts } from "../detection/alert.service.js";
import { ingestEvents } from "../detection/ingest.service.js";
import type { Incident } from "../domain/incident/model.js";
import { upsertAssets } from "../response/asset.service.js";
import { addEvidence } from "../response/evidence.service.js";
import { acknowledgeIncident, classifyIncident } from "../response/incident.service.js";
import { addIndicators } from "../response/indicator.service.js";
import { openProblem, transitionProblem } from "../response/problem.service.js";
import { assignRole } from "../response/role.service.js";
import { updateTask } from "../response/task.service.js";
import { addNote } from "../response/timeline.service.js";
import type { Runtime } from "../runtime.js";
import { MINUTE, storyRuntime, teamActor, workThrough } from "./clockwork.js";
import { BACKGROUND, DEMO_SOURCE, demoDigest, PHISHING, storyNdjson } from "./events.js";

/** The title `loadDemo` recognises an earlier load by. */
export const DEMO_PHISHING_TITLE = "Phishing macro on WS-0142 (alice.moreau)";

const AMARA = teamActor("amara-okafor", "Amara Okafor");
const PRIYA = teamActor("priya-natarajan", "Priya Natarajan");
const JONAS = teamActor("jonas-weber", "Jonas Weber");

const ago = (now: number, minutes: number) => now - minutes * MINUTE;

/**
 * This morning's phishing story: alice.moreau opens a macro document, Word starts encoded
 * PowerShell, the alerts wait in triage until an analyst declares the incident from them. It is
 * now in containment, half done, with evidence, indicators, assets, a status update to the
 * executives, a running GDPR clock, and a problem shared with the phishing wave of five months
 * ago (`earlier`).
 */
export async function loadPhishing(
  rt: Runtime,
  now: number,
  earlier: Incident,
): Promise<{ incident: Incident; events: number }> {
  const story = storyRuntime(rt, ago(now, 98));
  await ingestEvents(story.rt, {
    text: storyNdjson(ago(now, 170), PHISHING, 1000),
    source: DEMO_SOURCE,
  });
  story.clock.set(new Date(ago(now, 90)));
  const triage = await rt.detection.alerts.list({ triage: true, q: "WS-0142" }, 100);
  let a = await declareFromAlerts(
    story.rt,
    triage.items.filter((x) => x.entities.host === "WS-0142").map((x) => x.id),
    {
      type: "phishing",
      severity: "emergency",
      title: DEMO_PHISHING_TITLE,
      description:
        "alice.moreau opened Invoice_88231.docm from an external sender; Word started encoded PowerShell that reached out to a C2 server and created a scheduled task.",
    },
    PRIYA,
  );
  story.clock.advance(3 * MINUTE);
  await acknowledgeIncident(story.rt, a.id, AMARA);
  await assignRole(story.rt, a.id, { role: "commander", person: "amara-okafor" }, AMARA);
  await addNote(
    story.rt,
    a.id,
    { text: "User confirms opening the attachment at 09:12; mailbox quarantined." },
    PRIYA,
  );
  await addIndicators(
    story.rt,
    a.id,
    [
      {
        type: "domain",
        value: "invoice-portal.example.net",
        description: "phishing sender domain",
      },
      { type: "ip", value: "198.51.100.23", description: "C2 contacted by PowerShell" },
    ],
    PRIYA,
  );
  story.clock.advance(10 * MINUTE);
  a = await classifyIncident(
    story.rt,
    a.id,
    {
      attributes: { personal_data: true, records_affected: 340 },
      reason: "The mailbox held customer invoices with names and addresses",
    },
    AMARA,
  );
  await collect(story.rt, a.id);
  a = await workThrough(
    story,
    a.id,
    { detection: 12, containment: 0, eradication: 0, recovery: 0, post_incident: 0 },
    "containment",
    AMARA,
    "required",
  );
  const containment = (await rt.incidents.tasks(a.id)).filter((t) => t.phase === "containment");
  for (const t of containment.slice(0, Math.ceil(containment.length / 2))) {
    story.clock.advance(6 * MINUTE);
    await updateTask(story.rt, a.id, t.id, { status: "done" }, JONAS);
  }
  await addNote(
    story.rt,
    a.id,
    {
      kind: "decision",
      text: "Isolate WS-0142 and reset alice.moreau's password; keep the mailbox for evidence.",
    },
    AMARA,
  );
  story.clock.set(new Date(ago(now, 30)));
  await postStatusUpdate(
    story.rt,
    a.id,
    {
      audience: "executives",
      summary: "One workstation infected through a phishing attachment; isolated. No spread seen.",
      impact: "One user without a laptop; 340 customer records in the mailbox may be exposed.",
      actions: "Reimaging WS-0142, resetting credentials, checking other mailboxes for the lure.",
    },
    AMARA,
  );
  await sharedProblem(story.rt, a, earlier);
  story.clock.set(new Date(ago(now, 19)));
  await ingestEvents(story.rt, {
    text: storyNdjson(ago(now, 240), BACKGROUND, 2000),
    source: DEMO_SOURCE,
  });
  return { incident: a, events: PHISHING.length + BACKGROUND.length };
}

/** The evidence and affected assets collected in detection. */
async function collect(rt: Runtime, id: string) {
  for (const [name, description, size, location] of [
    [
      "Invoice_88231.docm",
      "The attachment as delivered, from the quarantined message.",
      48_211,
      "Evidence share \\\\EVID01\\cases\\phishing-ws0142\\",
    ],
    [
      "alice.moreau mailbox export",
      "PST export of the mailbox before the clean-up.",
      2_147_483_648,
      "Evidence share \\\\EVID01\\cases\\phishing-ws0142\\",
    ],
  ] as const)
    await addEvidence(
      rt,
      id,
      {
        name,
        description,
        sha256: demoDigest(name),
        size,
        location,
        acquired_by: "priya-natarajan",
      },
      PRIYA,
    );
  await upsertAssets(
    rt,
    id,
    [
      { name: "WS-0142", kind: "host", status: "compromised", note: "C2 beacon every 30 s" },
      { name: "alice.moreau", kind: "account", status: "suspected" },
      { name: "exchange-online", kind: "service", status: "not_affected" },
    ],
    PRIYA,
  );
}

/** Macro documents reach mailboxes: a problem behind this incident and the earlier wave. */
async function sharedProblem(rt: Runtime, a: Incident, earlier: Incident) {
  const problem = await openProblem(
    rt,
    {
      title: "Macro-enabled Office attachments reach users' mailboxes",
      description: "Two phishing incidents in five months started with an Office attachment.",
      incidents: [earlier.id, a.id],
    },
    JONAS,
  );
  await transitionProblem(
    rt,
    problem.id,
    {
      to: "known_error",
      cause: "The mail gateway allows .docm and .xlsm attachments from external senders.",
      workaround: "Quarantine external macro attachments by hand on alert; users report to IT.",
    },
    JONAS,
  );
}
