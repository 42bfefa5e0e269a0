import {
  type ClockFacts,
  type ClockRecord,
  computeClock,
  type RecordedNotification,
} from "../../src/compliance/clocks.js";
import { Obligation } from "../../src/documents/plan.schema.js";

/**
 * Factories for compliance obligations as the built-in plan models them, trimmed to what the
 * clocks read. Tests change one thing (a deadline, a trigger) and watch what moves.
 */

export const SEVERITIES = ["inconvenience", "emergency", "disaster", "catastrophe"];

export const obligation = (o: Partial<Obligation> & Pick<Obligation, "deadlines">): Obligation =>
  Obligation.parse({
    id: "test",
    regulation: "Test regulation",
    trigger: "personal_data",
    clock_start: "awareness",
    recipient: "Authority",
    fulfilled_by: { procedure: "data-breach", step: "notify" },
    ...o,
  });

export const GDPR = obligation({
  id: "gdpr-art-33",
  regulation: "GDPR Art. 33",
  recipient: "Lead supervisory authority",
  deadlines: [{ id: "notify-authority", name: "Notify the authority", within: "PT72H" }],
});

export const SEC = obligation({
  id: "sec-8k-1-05",
  trigger: "material",
  clock_start: "determination",
  deadlines: [
    {
      id: "form-8k",
      name: "Form 8-K",
      business_days: 4,
      calendar: "US",
      time_zone: "America/New_York",
    },
  ],
});

export const NIS2 = obligation({
  id: "nis2-art-23",
  trigger: "significant",
  deadlines: [
    { id: "early-warning", name: "Early warning", within: "PT24H" },
    { id: "incident-notification", name: "Incident notification", within: "PT72H" },
    { id: "final-report", name: "Final report", within: "P1M", from: "incident-notification" },
  ],
});

export const DORA = obligation({
  id: "dora-art-19",
  trigger: "major_ict and severity >= emergency",
  clock_start: "classification",
  deadlines: [
    { id: "initial-notification", name: "Initial notification", within: "PT4H" },
    {
      id: "intermediate-report",
      name: "Intermediate report",
      within: "PT72H",
      from: "initial-notification",
    },
    { id: "final-report", name: "Final report", within: "P1M", from: "intermediate-report" },
  ],
});

/**
 * DORA as the built-in plan models it: the clock runs from awareness for every incident in scope;
 * the initial notification is due 4 h after classification as major or 24 h after awareness,
 * whichever comes first.
 */
export const DORA_BACKSTOP = obligation({
  id: "dora-art-19",
  trigger: "dora_scope or major_ict",
  clock_start: "awareness",
  deadlines: [
    {
      id: "initial-notification",
      name: "Initial notification",
      earliest_of: [
        { start: "classification", within: "PT4H" },
        { start: "awareness", within: "PT24H" },
      ],
    },
    {
      id: "intermediate-report",
      name: "Intermediate report",
      within: "PT72H",
      from: "initial-notification",
    },
  ],
});

export const HIPAA = obligation({
  id: "hipaa-breach",
  trigger: "phi",
  clock_start: "discovery",
  deadlines: [{ id: "notify-individuals", name: "Notify individuals", within: "P60D" }],
});

export const incidentFacts = (
  attributes: Record<string, unknown>,
  events: ClockFacts["events"],
  severity = "emergency",
): ClockFacts => ({ severity, type: "data-breach", attributes, events });

export const sent = (
  deadline_id: string,
  sent_at: string,
  reference = "REF-1",
): RecordedNotification => ({ deadline_id, sent_at, recipient: "Authority", reference });

/** One obligation's clock for the given facts and record, at `now`, with the library's severities. */
export const clockAt = (o: Obligation, f: ClockFacts, now: string, record: ClockRecord = {}) =>
  computeClock(o, f, record, { now: new Date(now), severities: SEVERITIES });
