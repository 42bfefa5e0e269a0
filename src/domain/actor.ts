/**
 * Who made a change. Every use case takes one and the timeline records it; authentication binds
 * the actor at the edge and nothing else needs to know how.
 */
export interface Actor {
  kind: "person" | "token" | "rule" | "integration" | "system";
  id: string;
  /** Display name, when known. */
  name?: string;
}

export const systemActor = (id = "firebreak"): Actor => ({ kind: "system", id });

export function describeActor(a: Actor): string {
  return a.name ? `${a.name} (${a.kind}:${a.id})` : `${a.kind}:${a.id}`;
}
