import type { Actor } from "../domain/actor.js";
import type { Incident } from "../domain/incident/model.js";
import * as actions from "../postincident/action-item.service.js";
import { recordLessons } from "../postincident/lessons.service.js";
import * as rcas from "../postincident/rca.service.js";
import { generateReport } from "../reports/report.service.js";
import { closingObligations } from "../response/closing.js";
import { acknowledgeIncident, declareIncident } from "../response/incident.service.js";
import { pinnedPlan } from "../response/plan-context.js";
import { addNote } from "../response/timeline.service.js";
import type { Runtime } from "../runtime.js";
import {
  DAY,
  MINUTE,
  type PhaseMinutes,
  storyRuntime,
  teamActor,
  workThrough,
} from "./clockwork.js";

/** One incident of the past months, worked from declaration to closed. */
interface PastIncident {
  daysAgo: number;
  title: string;
  type: string;
  severity: string;
  description: string;
  commander: [id: string, name: string];
  /** From the first adverse activity to our becoming aware of it. */
  detectMinutes: number;
  /** From declaration to the commander's acknowledgement. */
  ackMinutes: number;
  phases: PhaseMinutes;
  note: string;
  lessons?: {
    what_happened: string;
    went_well: string[];
    went_poorly: string[];
    learned: string[];
  };
  /** The root-cause analysis: its scope, the "why" chain down to the root cause, the solution. */
  rca?: { scope: string; whys: string[]; solution: string };
  /** Follow-ups agreed when it closed; `dueDays` counts from today, `verification` marks one done. */
  actions?: {
    title: string;
    owner: [id: string, name: string];
    dueDays: number;
    verification?: string;
  }[];
}

/**
 * Six closed incidents over the past five months, of several types and severities, so that the
 * metrics have months and severities to compare and "has this happened before?" has answers.
 * None carries an attribute that starts a regulatory clock: they would all be long overdue.
 */
const PAST: PastIncident[] = [
  {
    daysAgo: 150,
    title: "Credential phishing wave against the finance team",
    type: "phishing",
    severity: "inconvenience",
    description:
      "Forty finance mailboxes received a fake invoice portal login; three users entered their password.",
    commander: ["amara-okafor", "Amara Okafor"],
    detectMinutes: 95,
    ackMinutes: 14,
    phases: {
      detection: 50,
      containment: 240,
      eradication: 420,
      recovery: 600,
      post_incident: 4 * 24 * 60,
    },
    note: "The three accounts are reset and their sessions revoked; the sender domain is blocked.",
    lessons: {
      what_happened:
        "A fake invoice portal harvested three finance passwords before the campaign was reported.",
      went_well: ["Users reported the e-mail within the hour", "Sessions revoked in minutes"],
      went_poorly: ["The gateway let a newly registered domain through"],
      learned: ["Quarantine mail from domains younger than 30 days"],
    },
    actions: [
      {
        title: "Quarantine mail from newly registered domains",
        owner: ["jonas-weber", "Jonas Weber"],
        dueDays: 21,
      },
    ],
  },
  {
    daysAgo: 122,
    title: "Infostealer on a contractor laptop",
    type: "malware",
    severity: "inconvenience",
    description:
      "EDR flagged a RedLine infostealer on a contractor's laptop after a cracked tool was installed.",
    commander: ["daniel-reyes", "Daniel Reyes"],
    detectMinutes: 300,
    ackMinutes: 22,
    phases: {
      detection: 90,
      containment: 180,
      eradication: 600,
      recovery: 900,
      post_incident: 3 * 24 * 60,
    },
    note: "Laptop reimaged; every credential the browser held was rotated.",
  },
  {
    daysAgo: 96,
    title: "Customer portal flooded by a booter service",
    type: "denial-of-service",
    severity: "emergency",
    description:
      "A 40 Gbit/s UDP and SYN flood made the customer portal unreachable for most users.",
    commander: ["amara-okafor", "Amara Okafor"],
    detectMinutes: 12,
    ackMinutes: 4,
    phases: {
      detection: 25,
      containment: 160,
      eradication: 720,
      recovery: 1440,
      post_incident: 6 * 24 * 60,
    },
    note: "Scrubbing engaged; 95% of the flood filtered upstream.",
    rca: {
      scope: "Why the portal went down although it sits behind the scrubbing provider",
      whys: [
        "Most of the flood reached the portal's origin directly, not through the scrubbing provider",
        "The origin's address was still published in an old DNS record",
        "Moving a service behind the scrubbing provider has no step that reviews its DNS records",
      ],
      solution:
        "The origin accepts traffic only from the scrubbing provider; the change checklist reviews DNS",
    },
    lessons: {
      what_happened:
        "A booter service flooded the customer portal; most of the flood bypassed scrubbing through a stale DNS record.",
      went_well: ["Scrubbing was engaged within 25 minutes"],
      went_poorly: ["Nobody knew the origin address was still public"],
      learned: ["Check what the world can reach, not what the diagram says"],
    },
  },
  {
    daysAgo: 68,
    title: "Cooling failure takes down the Frankfurt server room",
    type: "facility-loss",
    severity: "disaster",
    description:
      "Both chillers failed during a heat wave; every rack was powered down to save the hardware.",
    commander: ["tomas-lindqvist", "Tomás Lindqvist"],
    detectMinutes: 8,
    ackMinutes: 3,
    phases: {
      detection: 40,
      containment: 300,
      eradication: 900,
      recovery: 2 * 24 * 60,
      post_incident: 7 * 24 * 60,
    },
    note: "Production failed over to the Amsterdam site; Frankfurt racks stay off until cooling is back.",
    rca: {
      scope: "Why both chillers of the Frankfurt server room failed together",
      whys: [
        "Both chillers stopped within ten minutes of each other",
        "They were fed from the same distribution board, which tripped in the heat",
        "The cooling redundancy was never tested under full load",
      ],
      solution: "A separate power feed for each chiller and a yearly full-load failover test",
    },
    lessons: {
      what_happened:
        "A tripped distribution board stopped both chillers; the room was powered down and production failed over.",
      went_well: ["Failover to Amsterdam met the recovery target"],
      went_poorly: ["The facilities contact list was out of date"],
      learned: ["Redundancy that shares a single feed is not redundancy"],
    },
  },
  {
    daysAgo: 41,
    title: "Service account used from an unknown country",
    type: "account-compromise",
    severity: "emergency",
    description: "svc-reporting signed in from an address in a country we do not operate in.",
    commander: ["daniel-reyes", "Daniel Reyes"],
    detectMinutes: 55,
    ackMinutes: 6,
    phases: {
      detection: 35,
      containment: 90,
      eradication: 480,
      recovery: 600,
      post_incident: 5 * 24 * 60,
    },
    note: "Account disabled; the API key it used is revoked and replaced.",
    rca: {
      scope: "How an outsider came to sign in as svc-reporting",
      whys: [
        "The attacker signed in with svc-reporting's API key",
        "The key had been committed to a public repository",
        "Repositories were not scanned for secrets",
      ],
      solution: "Secret scanning on every repository; service accounts only from allowed networks",
    },
    lessons: {
      what_happened: "A leaked API key let an outsider use a service account.",
      went_well: ["The sign-in alert fired within the hour"],
      went_poorly: ["Nobody owned the service account"],
      learned: ["Every service account needs an owner and a network restriction"],
    },
    actions: [
      {
        title: "Move service accounts behind conditional access",
        owner: ["kenji-sato", "Kenji Sato"],
        dueDays: -10,
        verification:
          "A sign-in test from outside the allowed countries was refused for every service account.",
      },
    ],
  },
  {
    daysAgo: 19,
    title: "Laptop stolen from a car",
    type: "lost-device",
    severity: "inconvenience",
    description: "A sales laptop was stolen from a parked car; it held customer exports.",
    commander: ["priya-natarajan", "Priya Natarajan"],
    detectMinutes: 600,
    ackMinutes: 9,
    phases: {
      detection: 30,
      containment: 45,
      eradication: 120,
      recovery: 300,
      post_incident: 4 * 24 * 60,
    },
    note: "Remote wipe confirmed 40 minutes after the report.",
    lessons: {
      what_happened:
        "A laptop with customer exports on its local disk was stolen from a parked car.",
      went_well: ["Remote wipe confirmed within 40 minutes"],
      went_poorly: ["Nobody knew which exports were on the device"],
      learned: ["Device management must report encryption status daily"],
    },
    actions: [
      {
        title: "Report unencrypted devices daily",
        owner: ["jonas-weber", "Jonas Weber"],
        dueDays: -3,
      },
    ],
  },
];

/** Declares, works and closes each past incident at its own time; returns them, oldest first. */
export async function loadHistory(rt: Runtime, now: number): Promise<Incident[]> {
  const closed: Incident[] = [];
  for (const past of PAST) {
    const aware = now - past.daysAgo * DAY;
    const story = storyRuntime(rt, aware + 10 * MINUTE);
    const commander = teamActor(...past.commander);
    const declared = await declareIncident(
      story.rt,
      {
        title: past.title,
        type: past.type,
        severity: past.severity,
        description: past.description,
        commander: past.commander[0],
        first_activity_at: new Date(aware - past.detectMinutes * MINUTE).toISOString(),
        aware_at: new Date(aware).toISOString(),
      },
      commander,
    );
    story.clock.advance(past.ackMinutes * MINUTE);
    await acknowledgeIncident(story.rt, declared.id, commander);
    await addNote(story.rt, declared.id, { text: past.note }, commander);
    if (past.lessons) {
      await workThrough(story, declared.id, past.phases, "post_incident", commander);
      story.clock.advance((past.phases.post_incident / 2) * MINUTE);
      if (past.rca) await analyse(story.rt, declared.id, past.rca, commander);
      await recordLessons(story.rt, declared.id, past.lessons, commander);
      await issueRequiredReports(story.rt, declared.id, commander);
    }
    closed.push(await workThrough(story, declared.id, past.phases, "closed", commander));
    for (const item of past.actions ?? []) {
      const added = await actions.addActionItem(
        story.rt,
        {
          incident: declared.id,
          title: item.title,
          owner: item.owner[0],
          due_at: iso(now + item.dueDays * DAY),
        },
        commander,
      );
      if (!item.verification) continue;
      story.clock.set(new Date(now + (item.dueDays - 1) * DAY));
      await actions.updateActionItem(
        story.rt,
        added.id,
        { status: "done", verification: item.verification },
        teamActor(...item.owner),
      );
    }
  }
  return closed;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The root-cause analysis of a past incident: scope, the chain of whys, root cause, solution. */
async function analyse(
  deps: Runtime,
  incidentId: string,
  rca: NonNullable<PastIncident["rca"]>,
  actor: Actor,
): Promise<void> {
  const analysis = await rcas.startRca(
    deps,
    { incident: incidentId, scope: { summary: rca.scope, in_scope: [] } },
    actor,
  );
  let parent: string | undefined;
  for (const statement of rca.whys)
    parent = (await rcas.addCause(deps, analysis.id, { statement, parent_id: parent }, actor)).cause
      .id;
  await rcas.identifyRootCause(deps, analysis.id, { cause_id: parent as string }, actor);
  await rcas.setSolution(deps, analysis.id, { summary: rca.solution }, actor);
}

const REPORT_KIND = { after_action_report: "after-action", executive_report: "executive" };

/** Issues the reports the plan requires before the incident closes (after-action, executive). */
async function issueRequiredReports(
  deps: Runtime,
  incidentId: string,
  actor: Actor,
): Promise<void> {
  const incident = (await deps.incidents.get(incidentId)) as Incident;
  const plan = await pinnedPlan(deps, incident);
  for (const o of closingObligations(plan.body, incident.severity))
    if (o === "after_action_report" || o === "executive_report")
      await generateReport(deps, incidentId, { kind: REPORT_KIND[o], format: "md" }, actor);
}
