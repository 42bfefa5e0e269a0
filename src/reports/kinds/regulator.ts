import type { ClockStatus, DeadlineStatus } from "../../compliance/clocks.js";
import type { NotificationChannel } from "../../domain/clock-states.js";
import { formatDuration } from "../../domain/metrics.js";
import { type Block, callout, facts, h2, listOr, p, type Report } from "../blocks.js";
import { redactor } from "../redact.js";
import type { ReportData } from "../report-data.js";
import { count, personName, phaseName, when } from "../text.js";

/**
 * Drafts of regulator notifications with the content each regulation asks for, filled in from
 * the record and with [brackets] where a person must complete or confirm. Drafts leave the
 * response team, so recorded free text goes through the redactor (no indicators or hashes).
 */
const TODO = (what: string) => `[to be completed: ${what}]`;
const MALICIOUS_TYPES = /ransomware|malware|phishing|compromise|insider|intrusion|web/;

function clockFor(d: ReportData, pattern: RegExp): ClockStatus | undefined {
  return d.clocks.find((c) => pattern.test(c.regulation) || pattern.test(c.obligation_id));
}

/** A recorded notification as the regulator will look it up: when, how, to whom, under which reference. */
function notified(n: NonNullable<DeadlineStatus["notification"]>): string {
  return `notified ${when(n.sent_at)}${n.channel ? ` by ${CHANNEL_WORDS[n.channel]}` : ""} to ${n.recipient}, ${n.reference ? `reference ${n.reference}` : "no reference"}`;
}

const CHANNEL_WORDS: Record<NotificationChannel, string> = {
  portal: "the regulator's portal",
  email: "e-mail",
  phone: "phone",
  letter: "letter",
  other: "other means",
};

function timing(c: ClockStatus | undefined, d: ReportData): Block[] {
  if (!c) return [p("The plan has no obligation for this regulation; check with legal counsel.")];
  const rows: [string, string][] = [
    ["Obligation", c.regulation],
    ["Applies", c.applies ? "yes, on what is recorded" : "not on what is recorded so far"],
    [
      "Clock started",
      c.started_at ? when(c.started_at) : `not yet (waiting for ${c.waiting_for ?? "its start"})`,
    ],
    ...c.deadlines.map((x): [string, string] => [
      x.name,
      `${x.due_at ? `due ${when(x.due_at)}` : "due time not known yet"}; ${x.state.replace("_", " ")}${x.late_by_ms ? ` (late by ${formatDuration(x.late_by_ms)})` : ""}${x.notification ? `; ${notified(x.notification)}` : ""}`,
    ]),
    ["Recipient", c.recipient],
    ["Draft made", when(d.now.toISOString())],
  ];
  const late = c.deadlines.some((x) => x.state === "overdue" || x.state === "met_late");
  return [
    facts(rows),
    ...(late ? [callout(`Reasons for the delay: ${TODO("why the notification is late")}`)] : []),
  ];
}

const settledTitles = (d: ReportData, clean: (s: string) => string) =>
  d.tasks
    .filter(
      (t) =>
        t.status === "done" &&
        ["containment", "eradication", "recovery", "remediation"].includes(t.phase),
    )
    .map((t) => clean(`${t.title} (${when(t.completed_at)})`));

const proposedTitles = (d: ReportData, clean: (s: string) => string) => [
  ...d.tasks
    .filter(
      (t) =>
        (t.status === "open" || t.status === "in_progress") &&
        ["containment", "eradication", "recovery", "remediation"].includes(t.phase),
    )
    .map((t) => clean(t.title)),
  ...d.actionItems
    .filter((a) => a.status === "open" || a.status === "in_progress")
    .map((a) => clean(`${a.title} (due ${when(a.due_at)})`)),
  ...d.rcas.filter((r) => r.solution).map((r) => clean(r.solution?.summary ?? "")),
];

function contactPoint(d: ReportData): string[] {
  const plan = d.plan.body;
  const dpos = plan.team.filter((person) => person.roles.includes("privacy-officer"));
  if (!dpos.length)
    return [
      TODO(
        "the data protection officer or other contact point (the plan names no privacy-officer)",
      ),
    ];
  return dpos.map(
    (person) =>
      `${person.name}, ${plan.roles.find((r) => r.id === "privacy-officer")?.title ?? "privacy officer"}: ${person.contacts.map((c) => `${c.channel} ${c.address}`).join(", ")}`,
  );
}

/** GDPR Art. 33: notification of a personal data breach to the supervisory authority. */
export function gdprDraft(d: ReportData): Report {
  const { incident: i } = d;
  const a = i.attributes;
  const clean = redactor(d);
  const nature = [
    `Incident type: ${i.type}. ${clean(i.title)}.`,
    ...(i.description ? [clean(i.description)] : []),
    `Breach of ${[a.data_exfiltrated === true ? "confidentiality (data left our control)" : null, /ransomware|destruct/.test(i.type) ? "availability and integrity (data encrypted or destroyed)" : null].filter(Boolean).join(" and ") || TODO("confidentiality, integrity and/or availability")}.`,
  ];
  const consequences = [
    ...(a.data_exfiltrated === true
      ? [
          "Data subjects may be targeted by fraud, phishing or identity theft using the exfiltrated data.",
        ]
      : []),
    ...(/ransomware/.test(i.type)
      ? [
          "Data subjects may temporarily be unable to use services that depend on the affected data.",
        ]
      : []),
    ...(a.high_risk_to_individuals === true
      ? [
          "The breach is likely to result in a high risk to data subjects; they are to be informed without undue delay (Art. 34).",
        ]
      : []),
    TODO("the privacy officer's assessment of the likely consequences for data subjects"),
  ];
  return {
    title: `DRAFT: personal data breach notification (GDPR Art. 33): ${clean(i.title)}`,
    subtitle: `${i.human_id} · to the lead supervisory authority · prepared ${when(d.now.toISOString())}`,
    marking: "DRAFT · legal privilege · not sent",
    blocks: [
      callout(
        "Draft prepared from the incident record. The privacy officer and legal counsel complete the bracketed parts and approve it before it is sent. Information may be provided in phases (Art. 33(4)).",
      ),
      h2("Timing (Art. 33(1))"),
      ...timing(clockFor(d, /gdpr/i), d),
      h2("(a) Nature of the breach"),
      listOr(nature, ""),
      facts([
        ["Categories of data subjects", TODO("e.g. customers, employees, patients")],
        [
          "Approximate number of data subjects",
          typeof a.individuals_affected === "number"
            ? `about ${count(a.individuals_affected)}`
            : TODO("approximate number of people"),
        ],
        [
          "Categories of personal data records",
          TODO("e.g. contact details, identity documents, financial data"),
        ],
        [
          "Approximate number of records",
          typeof a.records_affected === "number"
            ? `about ${count(a.records_affected)}`
            : TODO("approximate number of records"),
        ],
        ["Aware since", when(i.times.detected_at)],
        ["Current status", phaseName(i.phase)],
      ]),
      h2("(b) Data protection officer or other contact point"),
      listOr(contactPoint(d), ""),
      h2("(c) Likely consequences"),
      listOr(consequences, ""),
      h2("(d) Measures taken or proposed"),
      p("Measures taken:"),
      listOr(settledTitles(d, clean), TODO("measures taken so far")),
      p("Measures proposed, including to mitigate possible adverse effects:"),
      listOr(proposedTitles(d, clean), TODO("measures proposed")),
    ],
  };
}

/** NIS2 Art. 23(4)(a): early warning to the CSIRT or competent authority within 24 hours. */
export function nis2Draft(d: ReportData): Report {
  const { incident: i } = d;
  const clean = redactor(d);
  const services = Array.isArray(i.attributes.affected_services)
    ? (i.attributes.affected_services as string[])
    : [];
  return {
    title: `DRAFT: NIS2 early warning: ${clean(i.title)}`,
    subtitle: `${i.human_id} · to the national CSIRT or competent authority · prepared ${when(d.now.toISOString())}`,
    marking: "DRAFT · not sent",
    blocks: [
      callout(
        "Early warning (Art. 23(4)(a)) within 24 hours of becoming aware; the incident notification with an initial assessment and indicators of compromise follows within 72 hours, the final report within one month of it.",
      ),
      h2("Timing"),
      ...timing(clockFor(d, /nis ?2/i), d),
      h2("Early warning"),
      facts([
        ["Significant incident", `${clean(i.title)} (${i.type})`],
        ["Aware since", when(i.times.detected_at)],
        [
          "Suspected unlawful or malicious act",
          MALICIOUS_TYPES.test(i.type)
            ? `yes, suspected (${i.type})`
            : TODO("is an unlawful or malicious act suspected?"),
        ],
        ["Possible cross-border impact", TODO("could the incident have a cross-border impact?")],
        ["Services affected", services.length ? services.join(", ") : TODO("services affected")],
        ["Current status", phaseName(i.phase)],
        ["Contact", personName(d.plan.body, i.commander)],
      ]),
      h2("Support requested from the CSIRT"),
      p(TODO("operational guidance or technical support needed, if any")),
    ],
  };
}

/** SEC Form 8-K Item 1.05: a skeleton for counsel; the filing is public, so no technical detail. */
export function sec8kDraft(d: ReportData): Report {
  const { incident: i } = d;
  const clean = redactor(d);
  return {
    title: `DRAFT: Form 8-K Item 1.05 (material cybersecurity incident): ${clean(i.title)}`,
    subtitle: `${i.human_id} · for legal counsel · prepared ${when(d.now.toISOString())}`,
    marking: "DRAFT · legal privilege · not filed",
    blocks: [
      callout(
        "Skeleton for counsel. Item 1.05 asks for the material aspects of the incident's nature, scope and timing and its material or reasonably likely material impact; it does not require specific technical information that would impede the response or remediation. Due within four business days of the materiality determination.",
      ),
      h2("Timing"),
      ...timing(clockFor(d, /8-k|sec/i), d),
      facts([
        [
          "Materiality determined",
          i.times.determined_at
            ? when(i.times.determined_at)
            : TODO("record the determination as a decision on the incident"),
        ],
      ]),
      h2("Item 1.05 Material Cybersecurity Incidents"),
      p(
        `On ${when(i.times.detected_at).slice(0, 10)}, the registrant identified a cybersecurity incident (${i.type}). ${TODO("material aspects of the nature and scope of the incident")}`,
        "Nature, scope and timing.",
      ),
      p(
        TODO(
          "material impact, or reasonably likely material impact, on the registrant, including its financial condition and results of operations",
        ),
        "Impact.",
      ),
      p(
        `The registrant activated its incident response plan. The incident is in the ${phaseName(i.phase).toLowerCase()} phase. ${TODO("status of remediation as counsel wishes to disclose it")}`,
        "Response.",
      ),
      p(
        TODO(
          "information not determined or unavailable at the time of filing, to be amended within four business days of it becoming available (Instruction 2)",
        ),
        "Not yet determined.",
      ),
    ],
  };
}
