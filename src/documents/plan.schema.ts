import { z } from "zod";
import { CHANNEL_KINDS } from "../domain/channel-kind.js";
import { START_EVENTS } from "../domain/clock-states.js";
import { TLP_LEVELS } from "../domain/exchange.js";
import { CLOSING_OBLIGATIONS } from "../domain/incident/closing-obligation.js";
import { ConditionText, DateText, Duration, Id, Markdown, TimeZone } from "./common.schema.js";
import { OnCallRotation } from "./on-call.schema.js";
import { PreparationActivity } from "./preparation.schema.js";
import { VerisMapping } from "./veris-mapping.schema.js";

/** Post-incident work that closing can require (domain/incident/closing-obligation.ts). */
export const ClosingObligation = z.enum(CLOSING_OBLIGATIONS);

/** One level of the plan's severity scale; the scale's order is the list's order, lowest first. */
export const SeverityLevel = z.strictObject({
  id: Id,
  name: z.string().min(1),
  definition: z.string().min(1),
  /** Response targets, counted from declaration. */
  targets: z.strictObject({
    acknowledge: Duration,
    contain: Duration,
    recover: Duration,
  }),
  /** Sigma rule levels (informational, low, medium, high, critical) that map onto this level. */
  rule_levels: z.array(z.enum(["informational", "low", "medium", "high", "critical"])).default([]),
  /** Post-incident work an incident at this level must have before it closes (docs/incidents.md). */
  close_requires: z.array(ClosingObligation).default([]),
});

/**
 * What a role may decide. On an incident (src/response/authority.ts): `assign_commander` (put
 * someone in command, or any role), `hand_over` (the current commander passes command on),
 * `override_gate`, `skip_required_step`, `change_severity` (reclassify: severity or type),
 * `decline`, `merge`, `close`. Outside incidents: `declare`, `approve_plan`.
 */
export const Authority = z.enum([
  "declare",
  "assign_commander",
  "hand_over",
  "override_gate",
  "skip_required_step",
  "change_severity",
  "decline",
  "merge",
  "close",
  "approve_plan",
]);

export const Role = z.strictObject({
  id: Id,
  title: z.string().min(1),
  responsibilities: z.array(z.string().min(1)).min(1),
  /** Held by everyone who holds the role: by the plan's team, or assigned on the incident. */
  authority: z.array(Authority).default([]),
  /** Held only by whoever the plan's rotation has on call for the role right now. */
  on_call_authority: z.array(Authority).optional(),
});

export const ChannelKind = z.enum(CHANNEL_KINDS);

export const Contact = z.strictObject({
  channel: ChannelKind,
  address: z.string().min(1),
});

export const Person = z.strictObject({
  id: Id,
  name: z.string().min(1),
  contacts: z.array(Contact).min(1),
  roles: z.array(Id).default([]),
});

/** Where messages for an audience go: a named channel the deployment delivers to. */
export const Channel = z.strictObject({
  id: Id,
  kind: ChannelKind,
  /** Address or URL; `${env:NAME}` reads it from the environment so secrets stay out of documents. */
  target: z.string().min(1),
  description: z.string().optional(),
});

export const Audience = z.strictObject({
  id: Id,
  name: z.string().min(1),
  kind: z.enum(["technical", "non_technical"]),
  channels: z.array(Id).min(1),
  /** Status update cadence per severity id (ISO duration between updates). */
  cadence: z.record(Id, Duration),
  /** Markdown template for status updates to this audience; `{{incident.title}}`-style fields. */
  template: z.string().optional(),
  /**
   * The audience is updated only while this holds (obligation-trigger language), e.g. a
   * regulator audience `significant or major_ict`: no cadence, no reminders, updates refused.
   */
  condition: ConditionText.optional(),
});

/** Who a step notifies: `role:<role id>` (whoever holds or is on call for it) or `person:<id>`. */
export const Recipient = z
  .string()
  .regex(
    /^(role|person|channel):[a-z0-9][a-z0-9_-]*$/,
    "a recipient is role:<id>, person:<id> or channel:<id>",
  );

export const EscalationStep = z.strictObject({
  notify: z.array(Recipient).min(1),
  /** Wait this long for an acknowledgement before going on to the next step. */
  after: Duration,
});

export const EscalationPath = z.strictObject({
  severity: Id,
  steps: z.array(EscalationStep).min(1),
  /** How many times to run the whole path again when nobody acknowledges. */
  repeat: z.number().int().min(0).max(20).default(0),
});

/** The events a regulatory clock can count from; each incident records each one's time. */
export const ClockStart = z.enum(START_EVENTS);

/**
 * How one deadline is counted: a span (`within` calendar time, or `business_days`) from a start
 * event (`start`, default the obligation's `clock_start`) or from another deadline of the same
 * obligation being met (`from`).
 */
const deadlineSpan = {
  /** Calendar time from the start (wall-clock, time-zone aware). */
  within: Duration.optional(),
  /** Business days from the start, skipping weekends and the calendar's holidays. */
  business_days: z.number().int().positive().optional(),
  /** Holiday calendar for business days: country (and region) as date-holidays names it, e.g. US or DE-BY. */
  calendar: z.string().optional(),
  time_zone: z.string().optional(),
  /** Count from this event instead of the obligation's `clock_start` (DORA: classification). */
  start: ClockStart.optional(),
  /** Count from another deadline of the same obligation being met instead of a start event. */
  from: Id.optional(),
};

const oneSpan = (d: { within?: string; business_days?: number }) =>
  (d.within === undefined) !== (d.business_days === undefined);
const oneBase = (d: { start?: string; from?: string }) =>
  d.start === undefined || d.from === undefined;

/** One alternative of `earliest_of`. */
export const DeadlineAlternative = z
  .strictObject(deadlineSpan)
  .refine(oneSpan, { message: "an alternative has exactly one of 'within' or 'business_days'" })
  .refine(oneBase, {
    message: "an alternative counts from a 'start' event or 'from' a deadline, not both",
  });

/**
 * A deadline of an obligation. Either one span, or `earliest_of` several alternatives each with
 * its own start, of which the earliest due time governs: DORA's initial notification is due 4 h
 * after classification as major and no later than 24 h after awareness.
 */
export const Deadline = z
  .strictObject({
    id: Id,
    name: z.string().min(1),
    ...deadlineSpan,
    /** Alternatives (at least two); the deadline is due at the earliest of their due times. */
    earliest_of: z.array(DeadlineAlternative).min(2).optional(),
  })
  .refine(
    (d) =>
      d.earliest_of === undefined
        ? oneSpan(d)
        : d.within === undefined &&
          d.business_days === undefined &&
          d.start === undefined &&
          d.from === undefined,
    {
      message:
        "a deadline has exactly one of 'within' or 'business_days', or 'earliest_of' alternatives (then no span, 'start' or 'from' of its own)",
    },
  )
  .refine(oneBase, {
    message: "a deadline counts from a 'start' event or 'from' a deadline, not both",
  });

/** A procedure step that fulfils an obligation; without `procedure`, that step of any procedure. */
export const FulfillingStep = z.strictObject({ procedure: Id.optional(), step: Id });

export const Obligation = z.strictObject({
  id: Id,
  regulation: z.string().min(1),
  description: z.string().optional(),
  /** Condition over incident attributes under which the obligation applies. */
  trigger: ConditionText,
  /** The event deadlines count from unless they name their own `start` or count `from` another. */
  clock_start: ClockStart,
  deadlines: z.array(Deadline).min(1),
  recipient: z.string().min(1),
  /** The procedure step(s) that fulfil the obligation: one, or a list (any of them). */
  fulfilled_by: z.union([FulfillingStep, z.array(FulfillingStep).min(1)]),
});

export const AttributeDefinition = z.strictObject({
  id: Id,
  type: z.enum(["boolean", "number", "string", "string_list"]),
  description: z.string().min(1),
  /** The label forms show (`Personal data involved`); the id when absent. */
  title: z.string().min(1).optional(),
  /**
   * A boolean attribute that, once true, records when a clock's start event happened unless a
   * decision already did: `major_ict` starts `classification` (DORA), `material` `determination`.
   */
  starts: z.enum(["classification", "determination"]).optional(),
});

export const IncidentType = z.strictObject({
  id: Id,
  name: z.string().min(1),
  description: z.string().optional(),
  default_severity: Id,
  procedure: Id,
  /** How its incidents are counted in VERIS exports (docs/veris.md). */
  veris: VerisMapping.optional(),
});

export const PlanDocument = z.strictObject({
  kind: z.literal("plan"),
  id: Id,
  version: z.string().min(1),
  title: z.string().min(1),
  /**
   * The team, addresses and approvers are examples (the built-in plan): the web labels them, the
   * first-run checklist replaces them, and an admin may approve the next version in their own
   * name, since the example approvers cannot sign (docs/adr/0003-example-plan-bootstrap.md).
   */
  example: z.boolean().optional(),
  /** Whose plan this is: shown in the web and reports; its time zone is every user's default. */
  organisation: z
    .strictObject({ name: z.string().min(1), time_zone: TimeZone.optional() })
    .optional(),
  owner: z.string().min(1),
  /**
   * Who approves new versions of every document while this plan is in force: `quorum` of the
   * people `by` names must sign a version's exact hash (default: all of them).
   */
  approval: z
    .strictObject({
      by: z.array(z.string().min(1)).min(1),
      at: DateText,
      quorum: z.number().int().positive().optional(),
    })
    .optional(),
  review: z.strictObject({ cycle: Duration, last_review: DateText }),
  mission: Markdown,
  goals: z.array(z.string().min(1)).min(1),
  principles: z.array(z.string().min(1)).min(1),
  scope: Markdown,
  risk_tolerance: Markdown,
  severity_scale: z.array(SeverityLevel).min(1),
  attributes: z.array(AttributeDefinition).default([]),
  roles: z.array(Role).min(1),
  team: z.array(Person).min(1),
  /** Weekly on-call rotations per role; escalation pages whoever is on call. */
  on_call: z.array(OnCallRotation).default([]),
  channels: z.array(Channel).default([]),
  communication: z.strictObject({ audiences: z.array(Audience).min(1) }),
  escalation: z.array(EscalationPath),
  /** Command rules: from which severity an incident needs a named commander to leave detection. */
  command: z.strictObject({ required_from: Id.optional() }).default({}),
  compliance: z.array(Obligation).default([]),
  incident_types: z.array(IncidentType).min(1),
  /** The readiness programme: recurring preparation activities (docs/preparation.md). */
  preparation: z.array(PreparationActivity).default([]),
  /** How incidents are marked when exported (docs/exchange.md); restricted ones are always TLP:RED. */
  sharing: z.strictObject({ default_tlp: z.enum(TLP_LEVELS).default("amber") }).optional(),
});

export type PlanDocument = z.infer<typeof PlanDocument>;
export type SeverityLevel = z.infer<typeof SeverityLevel>;
export type Obligation = z.infer<typeof Obligation>;
export type Authority = z.infer<typeof Authority>;
export type ClosingObligation = z.infer<typeof ClosingObligation>;
export type Deadline = z.infer<typeof Deadline>;
export type FulfillingStep = z.infer<typeof FulfillingStep>;
export type Audience = z.infer<typeof Audience>;

/** The steps that fulfil an obligation, as a list whatever form the plan wrote. */
export function fulfillingSteps(obligation: Pick<Obligation, "fulfilled_by">): FulfillingStep[] {
  return Array.isArray(obligation.fulfilled_by)
    ? obligation.fulfilled_by
    : [obligation.fulfilled_by];
}
