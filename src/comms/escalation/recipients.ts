import type { PlanDocument } from "../../documents/plan.schema.js";
import { onCallAt } from "../../domain/on-call.js";
import type { ChannelKind } from "../notification.types.js";

/**
 * Who a page or reminder reaches, from the plan: `role:<id>` is the person on call for the role
 * at that instant (per the plan's `on_call`), or everyone holding the role when it has no
 * rotation or nobody is on call; `person:<id>` is that person; `channel:<id>` the plan's channel.
 * People are reached over their contacts that have a transport (e-mail, webhook, Slack). Pure.
 */

/** Contact kinds Firebreak can deliver to; phone, SMS and chat have no transport yet. */
const DELIVERABLE: ReadonlySet<ChannelKind> = new Set([
  "email",
  "webhook",
  "slack",
  "mattermost",
  "rocketchat",
]);

/** How a recipient spec was resolved, for the timeline. */
export interface ResolvedRecipient {
  spec: string;
  /** Person ids reached (empty for a channel). */
  people: string[];
  via: "on_call" | "role_holders" | "person" | "channel" | "unknown";
}

/** One message to send: to whom, over which channel. */
export interface Delivery {
  /** `person:<id>` or `channel:<id>`: also what an acknowledgement link names. */
  recipient: string;
  /** The person's name or the channel's id, for messages and the ack page. */
  name: string;
  channel: { kind: ChannelKind; target: string; id?: string };
  /** The specs that led here, e.g. `role:commander (on call)`. */
  because: string[];
}

export interface Resolution {
  resolved: ResolvedRecipient[];
  deliveries: Delivery[];
}

/** The people a role pages at an instant, and how they were found. */
export function peopleForRole(
  plan: Pick<PlanDocument, "on_call" | "team">,
  role: string,
  at: Date,
): { people: string[]; via: "on_call" | "role_holders" } {
  const rotation = plan.on_call.find((r) => r.role === role);
  const onCall = rotation ? onCallAt(rotation, at) : null;
  if (onCall) return { people: [onCall], via: "on_call" };
  return {
    people: plan.team.filter((p) => p.roles.includes(role)).map((p) => p.id),
    via: "role_holders",
  };
}

/**
 * Resolves recipient specs into deliveries, one per reachable contact: a person paged through
 * two roles gets one message naming both. A person with no deliverable contact still gets one
 * (over their first contact), so that the failure shows in the delivery log instead of vanishing.
 */
export function resolveRecipients(
  plan: Pick<PlanDocument, "on_call" | "team" | "channels">,
  specs: readonly string[],
  at: Date,
): Resolution {
  const resolved: ResolvedRecipient[] = [];
  const reasons = new Map<string, string[]>();
  const channels: string[] = [];
  const reach = (key: string, why: string) => {
    const list = reasons.get(key) ?? [];
    if (!list.includes(why)) list.push(why);
    reasons.set(key, list);
  };
  for (const spec of specs) {
    const [what, id = ""] = spec.split(":");
    if (what === "role") {
      const { people, via } = peopleForRole(plan, id, at);
      resolved.push({ spec, people, via });
      for (const p of people) reach(`person:${p}`, via === "on_call" ? `${spec} (on call)` : spec);
    } else if (what === "person" && plan.team.some((p) => p.id === id)) {
      resolved.push({ spec, people: [id], via: "person" });
      reach(spec, spec);
    } else if (what === "channel" && plan.channels.some((c) => c.id === id)) {
      resolved.push({ spec, people: [], via: "channel" });
      if (!channels.includes(id)) channels.push(id);
      reach(spec, spec);
    } else resolved.push({ spec, people: [], via: "unknown" });
  }

  const deliveries: Delivery[] = [];
  for (const [recipient, because] of reasons) {
    const [what, id] = recipient.split(":") as [string, string];
    if (what === "channel") {
      const c = plan.channels.find((x) => x.id === id);
      if (c)
        deliveries.push({
          recipient,
          name: c.id,
          channel: { kind: c.kind, target: c.target, id: c.id },
          because,
        });
      continue;
    }
    const person = plan.team.find((p) => p.id === id);
    if (!person) continue;
    const usable = person.contacts.filter((c) => DELIVERABLE.has(c.channel));
    const contacts = usable.length > 0 ? usable : person.contacts.slice(0, 1);
    const seen = new Set<string>();
    for (const c of contacts) {
      const key = `${c.channel}:${c.address}`;
      if (seen.has(key)) continue;
      seen.add(key);
      deliveries.push({
        recipient,
        name: person.name,
        channel: { kind: c.channel, target: c.address },
        because,
      });
    }
  }
  return { resolved, deliveries };
}

/** The role ids the reminder chain uses when the plan has them. */
export const COMMANDER_ROLE = "commander";
export const DEPUTY_ROLE = "deputy-commander";

/**
 * Who is reminded of a missed status update or a nearing deadline, level by level: first the
 * incident's commander (or whoever is on call as commander), then also the deputy commanders,
 * then also whoever is on call as commander. Each level is the recipient specs to resolve;
 * levels that would reach nobody new are left out.
 */
export function reminderLevels(
  plan: Pick<PlanDocument, "roles">,
  commander: string | null,
): string[][] {
  const roles = new Set(plan.roles.map((r) => r.id));
  const first = commander
    ? [`person:${commander}`]
    : roles.has(COMMANDER_ROLE)
      ? [`role:${COMMANDER_ROLE}`]
      : [];
  const levels: string[][] = [first];
  const add = (spec: string) => {
    const previous = levels.at(-1) ?? [];
    if (!previous.includes(spec)) levels.push([...previous, spec]);
  };
  if (roles.has(DEPUTY_ROLE)) add(`role:${DEPUTY_ROLE}`);
  if (roles.has(COMMANDER_ROLE)) add(`role:${COMMANDER_ROLE}`);
  return levels.filter((l) => l.length > 0);
}
