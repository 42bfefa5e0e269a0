/**
 * Who made a change. Every use case takes one and the timeline records it; authentication binds
 * the actor at the edge and nothing else needs to know how.
 *
 * A signed-in user acts as a `person` whose `id` is the plan team person they are (`person_id`
 * on the user) or, when they are not on the team, their user id. The plan's roles and the
 * incident's role assignments key on that id.
 */
export interface Actor {
  kind: "person" | "token" | "rule" | "integration" | "system";
  id: string;
  /** Display name, when known. */
  name?: string;
  /** The user account behind a person, when authentication bound one. */
  user_id?: string;
  /** The API token the person acted through, when not a browser session. */
  token_id?: string;
  /** Admins hold every authority on every incident and see restricted ones. */
  admin?: boolean;
}

export const systemActor = (id = "firebreak"): Actor => ({ kind: "system", id });

/** The local operator: the CLI's in-process mode, where the caller already owns the database. */
export const localOperator = (): Actor => ({
  kind: "person",
  id: "operator",
  name: "Local operator",
  admin: true,
});

export function describeActor(a: Actor): string {
  return a.name ? `${a.name} (${a.kind}:${a.id})` : `${a.kind}:${a.id}`;
}
