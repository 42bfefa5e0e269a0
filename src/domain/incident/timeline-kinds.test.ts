import { describe, expect, it } from "vitest";
import { DomainError } from "../errors.js";
import { ATTACK_PAYLOADS } from "./timeline-kinds/attack.js";
import { COMMS_PAYLOADS } from "./timeline-kinds/comms.js";
import { EVIDENCE_FILE_PAYLOADS } from "./timeline-kinds/evidence-files.js";
import { INCIDENT_PAYLOADS } from "./timeline-kinds/incident.js";
import { POST_INCIDENT_PAYLOADS } from "./timeline-kinds/post-incident.js";
import {
  checkTimelineEntry,
  TIMELINE_PAYLOADS,
  type TimelineKind,
  type TimelinePayload,
} from "./timeline-kinds.js";

const recipients = [{ spec: "role:commander", people: ["priya"], via: "role_holders" as const }];
const task = {
  id: "t1",
  title: "Isolate FS01",
  phase: "containment" as const,
  status: "open" as const,
};
const rca = { rca_id: "r1", rca: "RCA-2026-0001" };
const clock = {
  obligation_id: "gdpr-art-33",
  regulation: "GDPR",
  deadline_id: "initial",
  due_at: "2026-11-26T08:00:00.000Z",
};
const actionItem = {
  action_item_id: "a1",
  action_item: "ACT-2026-0001",
  title: "Patch the VPN",
  owner: "priya",
  due_at: "2026-12-01T00:00:00.000Z",
  status: "open",
};
const problem = { problem_id: "p1", problem: "PRB-2026-0001", title: "VPN flaw", state: "open" };

/** One payload each kind's writer could produce (typed, so a kind without one does not compile). */
const EXAMPLES: { [K in TimelineKind]: TimelinePayload<K> } = {
  "incident.declared": {
    title: "Files encrypted on FS01",
    type: "ransomware",
    severity: "emergency",
    attributes: { personal_data: true },
    plan: "default@v1",
    procedure: "ransomware@v1",
    tasks: 12,
    source_alerts: [],
    assets: ["FS01"],
  },
  "incident.acknowledged": { via: "api", first: true },
  "incident.classified": {
    reason: "more hosts",
    changes: { severity: { from: "high", to: "emergency" } },
    tasks_added: ["Notify the DPO"],
    times_set: { classified_at: "2026-11-23T09:00:00.000Z" },
  },
  "incident.closing_overridden": {
    severity: "emergency",
    missing: ["lessons_learned"],
    missing_names: ["a lessons-learned review"],
    reason: "board briefed in person",
  },
  "incident.closed": { reason: null, follow_ups: [task] },
  "incident.declined": { reason: "false positive", phase: "detection" },
  "incident.merged": { into: "INC-2026-0002", reason: "same attack" },
  "incident.merge_received": { from: "INC-2026-0001", reason: "same attack" },
  "incident.records_moved": {
    from: "INC-2026-0001",
    to: "INC-2026-0002",
    alerts: ["a1"],
    indicators: ["ip:203.0.113.7"],
    assets: ["mail-gw-01"],
    evidence: ["mail-gw-01 memory image"],
  },
  "incident.reopened": { from: "closed", to: "recovery", reason: "reinfected" },
  "incident.members_added": { key: "run:1:0:0", people: ["priya"], reason: "paged" },
  "phase.advanced": { from: "detection", to: "containment", reason: null },
  "phase.gate_overridden": { phase: "containment", reason: "urgent", passed_over: [task] },
  "remediation.opened": { tasks: 2 },
  "task.added": { task_id: "t1", title: "Isolate FS01", phase: "containment", required: true },
  "task.updated": {
    task_id: "t1",
    title: "Isolate FS01",
    phase: "containment",
    changes: { status: { from: "open", to: "done" }, assignee: { from: null, to: "priya" } },
  },
  note: { text: "FS01 unplugged" },
  decision: { text: "major incident", sets: "classified" },
  "role.assigned": { role: "commander", person: "priya" },
  "role.handover": {
    role: "commander",
    to: "priya",
    at: "2026-11-23T09:00:00.000Z",
    qualified: true,
    reason: null,
    from: "jonas",
    ended: ["ra1"],
  },
  "role.released": {
    role: "scribe",
    person: "jonas",
    at: "2026-11-23T09:00:00.000Z",
    reason: null,
  },
  "evidence.added": {
    evidence_id: "e1",
    name: "FS01 memory image",
    description: "",
    sha256: "a".repeat(64),
    size: 17179869184,
    location: "locker A/12",
    acquired_by: "priya",
    acquired_at: "2026-11-23T09:00:00.000Z",
    custodian: "priya",
  },
  "evidence.file_stored": {
    evidence_id: "e1",
    name: "FS01 memory image",
    sha256: "a".repeat(64),
    size: 4096,
  },
  "evidence.downloaded": {
    evidence_id: "e1",
    name: "FS01 memory image",
    sha256: "a".repeat(64),
    size: 4096,
    reason: "malware analysis",
  },
  "evidence.integrity_failed": {
    evidence_id: "e1",
    name: "FS01 memory image",
    sha256: "a".repeat(64),
    size: 4096,
    found_sha256: "b".repeat(64),
  },
  "custody.transferred": {
    evidence_id: "e1",
    name: "FS01 memory image",
    sha256: "a".repeat(64),
    from: "priya",
    to: "jonas",
    at: "2026-11-23T10:00:00.000Z",
    reason: "analysis",
  },
  "indicator.added": { indicator_id: "i1", type: "ipv4", value: "203.0.113.7", description: "" },
  "attack.technique_added": { technique: "T1059.001", name: "PowerShell", reason: "seen in logs" },
  "attack.technique_removed": {
    technique: "T1027",
    name: "Obfuscated Files or Information",
    reason: "rule over-tagged",
  },
  "asset.updated": {
    asset_id: "as1",
    name: "FS01",
    kind: "host",
    from: null,
    to: "compromised",
  },
  "alert.attached": {
    alert_id: "al1",
    dedup_key: "k",
    title: "Mass file rename",
    severity: "high",
    source: "edr",
    rule_id: null,
    count: 3,
    entities: { host: "FS01" },
  },
  status_update: {
    audience: "executives",
    summary: "contained",
    impact: null,
    actions: null,
    blockers: null,
    decisions: null,
    next_update: null,
    text: "FS01 is contained.",
    missing: [],
    notifications: ["n1"],
  },
  "status_update.due": {
    key: "executives:2026-11-23T09:00:00.000Z:0",
    audience: "executives",
    due_at: "2026-11-23T10:00:00.000Z",
    reminder: 1,
    level: 0,
    recipients,
    notifications: [],
  },
  "escalation.paged": {
    key: "1:0:0",
    run: 1,
    severity: "emergency",
    round: 1,
    rounds: 2,
    step: 1,
    steps: 3,
    recipients,
    notifications: ["n1"],
    next_at: null,
  },
  "escalation.exhausted": { run: 1, severity: "emergency", rounds: 2 },
  "escalation.retargeted": { run: 2, from: "high", to: "emergency" },
  "clock.reminder": {
    ...clock,
    at: "2026-11-25T08:00:00.000Z",
    urgency: "soon",
    recipients,
    notifications: [],
  },
  "clock.overdue": { ...clock, late_by_ms: 1000 },
  "clock.notification_recorded": {
    obligation_id: "gdpr-art-33",
    regulation: "GDPR",
    deadline_id: "initial",
    sent_at: "2026-11-24T08:00:00.000Z",
    recipient: "the supervisory authority",
    reference: null,
  },
  "clock.stopped": { obligation_id: "gdpr-art-33", regulation: "GDPR", reason: "no personal data" },
  "problem.linked": problem,
  "problem.state_changed": { ...problem, from: "open", to: "known_error", cause: "unpatched VPN" },
  "problem.cause_updated": {
    problem_id: "p1",
    problem: "PRB-2026-0001",
    from: null,
    to: "unpatched VPN",
    rca: "RCA-2026-0001",
  },
  "rca.started": { ...rca, title: "Why FS01", scope: "FS01 encryption" },
  "rca.scope_updated": { ...rca, from: "FS01", to: "FS01 and FS02" },
  "rca.cause_added": {
    ...rca,
    cause_id: "c1",
    statement: "VPN unpatched",
    contributing_factors: [],
  },
  "rca.cause_updated": { ...rca, cause_id: "c1", statement: "VPN appliance unpatched" },
  "rca.cause_removed": { ...rca, cause_id: "c2" },
  "rca.root_cause_identified": { ...rca, cause_id: "c1", chain: ["encrypted", "VPN unpatched"] },
  "rca.solution_set": { ...rca, summary: "patch monthly", workaround: null },
  "rca.completed": { ...rca, problems_resolved: ["PRB-2026-0001"] },
  "action_item.added": actionItem,
  "action_item.updated": { ...actionItem, changes: { status: { from: "open", to: "done" } } },
  "lessons.recorded": {
    review_id: "lr1",
    went_well: 2,
    went_poorly: 1,
    learned: 3,
    proposals: [{ target: "plan/default@v1", change: "add a backup step", status: "proposed" }],
  },
  "report.generated": {
    report_id: "rp1",
    kind: "technical",
    format: "pdf",
    version: 1,
    sha256: "b".repeat(64),
    size: 2048,
  },
  "exercise.inject": { run: "EXR-2026-0001", inject: "i1", title: "Ransom note", at: "PT5M" },
  "exercise.finished": { run: "EXR-2026-0001", score: 80, gaps: 2 },
};

const kinds = Object.keys(TIMELINE_PAYLOADS) as TimelineKind[];

describe("timeline kinds", () => {
  it("lists each kind in one area only (a kind in two would silently take the later schema)", () => {
    const parts = [
      INCIDENT_PAYLOADS,
      COMMS_PAYLOADS,
      POST_INCIDENT_PAYLOADS,
      EVIDENCE_FILE_PAYLOADS,
      ATTACK_PAYLOADS,
    ];
    expect(parts.flatMap((p) => Object.keys(p)).sort()).toEqual([...kinds].sort());
  });

  it.each(kinds)("%s: accepts its example and returns it unchanged", (kind) => {
    const example = EXAMPLES[kind];
    // Output equal to input: the schema neither fills defaults nor transforms what is hashed.
    expect(TIMELINE_PAYLOADS[kind].parse(example)).toEqual(example);
    expect(() => checkTimelineEntry({ kind, payload: example })).not.toThrow();
  });

  it.each(kinds)("%s: refuses each field of the wrong type, and a missing payload", (kind) => {
    const example: Record<string, unknown> = EXAMPLES[kind];
    for (const field of Object.keys(example)) {
      const wrong = { ...example, [field]: Symbol(field) };
      expect(TIMELINE_PAYLOADS[kind].safeParse(wrong).success, field).toBe(false);
    }
    expect(() => checkTimelineEntry({ kind, payload: undefined })).toThrow(DomainError);
  });

  it("refuses an unknown kind and names the payload field that does not fit", () => {
    expect(() => checkTimelineEntry({ kind: "incident.declred", payload: {} })).toThrow(
      "unknown timeline entry kind 'incident.declred'",
    );
    const refused = (() => {
      try {
        checkTimelineEntry({
          kind: "phase.advanced",
          payload: { from: "detection", to: "nowhere", reason: null },
        });
      } catch (e) {
        return e;
      }
    })();
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ code: "invalid_input", details: [{ path: "payload.to" }] });
  });
});
