import { type KeyboardEvent, useId } from "react";
import type { PlanBody } from "../api/documents";
import { type ActorRef, parseActor, personFacts } from "../lib/people";
import { useCurrentPlan } from "../plan-context";

interface Props {
  /** An actor object (a timeline entry's), or the text a record stores (`created_by`). */
  actor: ActorRef | string;
  /** The plan whose team names people: the incident's pinned plan in its room; else the current. */
  plan?: PlanBody;
}

/** Escape hides the card (WCAG 1.4.13): the focus leaves the name, which closes it. */
const dismissOnEscape = (e: KeyboardEvent<HTMLButtonElement>) => {
  if (e.key === "Escape") e.currentTarget.blur();
};

/**
 * Someone by name, with a card on hover or keyboard focus: their roles, how to reach them, and
 * whether they are on call now. Rules, integrations and Firebreak itself are named without one.
 */
export function Actor({ actor, plan }: Props) {
  const current = useCurrentPlan().data?.body;
  const cardId = useId();
  const ref = typeof actor === "string" ? parseActor(actor) : actor;
  // On call "now" as of this render: the card is read when it opens, not watched.
  const facts = personFacts(plan ?? current, ref);
  if (ref.kind !== "person") return <span className="person">{facts.name}</span>;
  return (
    <span className="person">
      <button
        type="button"
        className="person-name"
        aria-describedby={cardId}
        onKeyDown={dismissOnEscape}
      >
        {facts.name}
      </button>
      <span role="tooltip" id={cardId} className="person-card">
        <strong>{facts.name}</strong>
        {facts.onCallFor.length > 0 && (
          <span className="person-on-call">On call now: {facts.onCallFor.join(", ")}</span>
        )}
        {facts.roles.length > 0 && <span>Roles: {facts.roles.join(", ")}</span>}
        {facts.contacts.map((c) => (
          <span key={`${c.channel}:${c.address}`}>
            {c.channel}: {c.address}
          </span>
        ))}
        {!facts.inTeam && <span className="muted">Not in the plan's team</span>}
      </span>
    </span>
  );
}

/** A plan team person by id (a commander, an assignee); nothing for none. */
export function Person({ id, plan }: { id: string | null | undefined; plan?: PlanBody }) {
  if (!id) return null;
  return <Actor actor={{ kind: "person", id }} plan={plan} />;
}
