import { holds } from "../../../src/domain/authority";
import type { ClosingObligation } from "../../../src/domain/incident/closing-obligation";
import type { PlanBody } from "../api/documents";
import type { Incident } from "../api/incidents";
import type { SessionInfo } from "../api/session";

export { commanderRequired } from "../../../src/domain/command-rule";

/**
 * The plan's command and closing rules as the server applies them (`src/domain/authority.ts`,
 * `src/response/closing.ts`), read here so that the dialogs can say what is needed before the
 * server refuses. The server stays the judge: these only decide what the screen offers.
 */

/** The post-incident work the plan requires on record before an incident at this severity closes. */
export function closingObligations(
  plan: PlanBody | undefined,
  severity: string,
): ClosingObligation[] {
  return plan?.severity_scale.find((s) => s.id === severity)?.close_requires ?? [];
}

/** What each closing obligation is, what meets it, and the room tab where it is done. */
export const OBLIGATIONS: Record<
  ClosingObligation,
  { name: string; todo: string; tab: "postincident" | "reports" }
> = {
  root_cause_analysis: {
    name: "Root-cause analysis",
    todo: "find the root cause and decide the solution",
    tab: "postincident",
  },
  lessons_learned: {
    name: "Lessons-learned review",
    todo: "record what went well, what did not, and what changes",
    tab: "postincident",
  },
  after_action_report: {
    name: "After-action report",
    todo: "produce it from the record",
    tab: "reports",
  },
  executive_report: {
    name: "Executive report",
    todo: "produce the executive summary from the record",
    tab: "reports",
  },
};

/**
 * Whether the signed-in user holds both `close` and `override_gate` on the incident, which closing
 * without the required post-incident work takes, by the server's own rule (`holds`): an admin
 * does; a person through the roles the plan's team gives them (the commander role only while
 * nobody else commands the incident), being its commander, or a role's on-call authority while
 * the rotation has them on call. Without sign-in (an older server) the server decides alone.
 */
export function mayCloseAnyway(
  session: SessionInfo | undefined,
  plan: PlanBody | undefined,
  incident: Pick<Incident, "commander">,
): boolean {
  if (!session || session.role === "admin") return true;
  const person = session.user?.person_id;
  if (!person || !plan || session.role === "observer") return false;
  // The dialog does not load role assignments; the team roles and command decide here.
  const facts = {
    plan,
    incident,
    roles: [],
    actor: { kind: "person", id: person },
    now: new Date(),
  } as const;
  return holds(facts, "close") && holds(facts, "override_gate");
}

/**
 * The plan's people in the order a commander is chosen from: the signed-in user's own person
 * first (who declares often commands until a handover), then those the plan staffs as commander.
 */
export function commanderCandidates(
  plan: PlanBody | undefined,
  self: string | null | undefined,
): PlanBody["team"] {
  const rank = (p: PlanBody["team"][number]) =>
    p.id === self ? 0 : p.roles.includes("commander") ? 1 : 2;
  return [...(plan?.team ?? [])].sort((a, b) => rank(a) - rank(b));
}

/** The commander candidates as choices for a select, saying who is the user and who commands. */
export function commanderChoices(plan: PlanBody | undefined, self: string | null | undefined) {
  return commanderCandidates(plan, self).map((p) => ({
    value: p.id,
    label: `${p.name}${p.id === self ? " (you)" : p.roles.includes("commander") ? " (commander)" : ""}`,
  }));
}
