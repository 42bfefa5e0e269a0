import { onCallAt } from "../../../src/domain/on-call";
import type { PlanBody } from "../api/documents";

/** Who did something, as the API gives it: a timeline entry's actor, or a parsed `created_by`. */
export interface ActorRef {
  kind: string;
  id: string;
  name?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** `describeActor`'s text (src/domain/actor.ts): `Name (kind:id)` or `kind:id`. */
const DESCRIBED = /^(?:(.*) \()?(person|token|rule|integration|system):([^)\s]+)\)?$/;

/**
 * An actor from the text stored in `created_by`, `acknowledged_by` and the like: what
 * `describeActor` wrote, or else a bare person id (as plans and older records name people).
 */
export function parseActor(text: string): ActorRef {
  const m = DESCRIBED.exec(text.trim());
  if (!m) return { kind: "person", id: text.trim() };
  const [, name, kind, id] = m as unknown as [string, string | undefined, string, string];
  return name ? { kind, id, name } : { kind, id };
}

const KIND_LABEL: Record<string, string> = {
  rule: "Rule",
  integration: "Integration",
  token: "API token",
  system: "Firebreak",
};

/**
 * A name for an actor that people can read: the plan team's name for a person, else the name the
 * record carries, else a description — never a bare account id (a user without a plan person
 * acts under their user id, a uuid).
 */
export function actorLabel(plan: PlanBody | undefined, actor: ActorRef): string {
  if (actor.kind === "person") {
    const member = plan?.team.find((p) => p.id === actor.id);
    if (member) return member.name;
    if (actor.name) return actor.name;
    return UUID.test(actor.id) ? "A user not in the plan's team" : actor.id.replaceAll("-", " ");
  }
  if (actor.name) return actor.name;
  if (actor.kind === "system")
    return actor.id === "firebreak" ? "Firebreak" : `Firebreak (${actor.id})`;
  return `${KIND_LABEL[actor.kind] ?? actor.kind} ${actor.id}`;
}

/** What a person's hover card shows. */
export interface PersonFacts {
  name: string;
  /** Role titles the plan gives them. */
  roles: string[];
  contacts: { channel: string; address: string }[];
  /** Role titles of the rotations that have them on call at `now`. */
  onCallFor: string[];
  /** In the plan's team (else the card says they are not). */
  inTeam: boolean;
}

export function personFacts(
  plan: PlanBody | undefined,
  actor: ActorRef,
  now: Date = new Date(),
): PersonFacts {
  const member = actor.kind === "person" ? plan?.team.find((p) => p.id === actor.id) : undefined;
  const title = (role: string) => plan?.roles.find((r) => r.id === role)?.title ?? role;
  return {
    name: actorLabel(plan, actor),
    roles: (member?.roles ?? []).map(title),
    contacts: member?.contacts ?? [],
    onCallFor: member
      ? (plan?.on_call ?? [])
          .filter((r) => onCallAt(r, now) === member.id)
          .map((r) => title(r.role))
      : [],
    inTeam: member !== undefined,
  };
}
