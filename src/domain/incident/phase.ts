import { DomainError } from "../errors.js";

/**
 * The incident's phase and the moves between them. Remediation is not here: it is a parallel
 * track that opens when eradication starts (see `remediationOpens`), not a gate.
 */
export const ACTIVE_PHASES = [
  "detection",
  "containment",
  "eradication",
  "recovery",
  "post_incident",
] as const;
export const END_STATES = ["closed", "declined", "merged"] as const;
export const INCIDENT_PHASES = [...ACTIVE_PHASES, ...END_STATES] as const;

/** Where a procedure step or task belongs: the working phases plus the remediation track. */
export const TASK_PHASES = [
  "detection",
  "containment",
  "eradication",
  "recovery",
  "remediation",
  "post_incident",
] as const;
export type TaskPhase = (typeof TASK_PHASES)[number];

export type ActivePhase = (typeof ACTIVE_PHASES)[number];
export type IncidentPhase = (typeof INCIDENT_PHASES)[number];

/** Every way a person can move an incident's phase. */
export const PHASE_ACTIONS = ["advance", "close", "decline", "merge", "reopen"] as const;
export type PhaseAction = (typeof PHASE_ACTIONS)[number];

/** The timestamp each phase change sets, for metrics (MTTC, MTTR, time to close). */
export const PHASE_EXIT_STAMP: Partial<
  Record<IncidentPhase, "contained_at" | "eradicated_at" | "recovered_at">
> = {
  containment: "contained_at",
  eradication: "eradicated_at",
  recovery: "recovered_at",
};

export function isActive(phase: IncidentPhase): phase is ActivePhase {
  return (ACTIVE_PHASES as readonly string[]).includes(phase);
}

/** The phase an advance leads to: none from post-incident (which closes) nor after the end. */
export function phaseAfter(phase: IncidentPhase): ActivePhase | undefined {
  if (!isActive(phase)) return undefined;
  return ACTIVE_PHASES[ACTIVE_PHASES.indexOf(phase) + 1];
}

/**
 * Where an action takes an incident from a phase, or a DomainError saying why it cannot.
 * Gates (required tasks) are checked by the caller; this is only the shape of the machine:
 * - advance: one step along detection → containment → eradication → recovery → post_incident;
 * - close: only from post_incident (post-incident work needs containment, eradication and
 *   recovery done, which the order guarantees);
 * - decline (not an incident, false positive): from any active phase before post_incident;
 * - merge into another incident: from any active phase;
 * - reopen: a closed or declined incident goes back to the phase it left.
 */
export function nextPhase(
  from: IncidentPhase,
  action: PhaseAction,
  reopenTo?: ActivePhase,
): IncidentPhase {
  const refuse = (why: string): never => {
    throw new DomainError("conflict", `cannot ${action} an incident in ${from}: ${why}`, [], {
      phase: from,
      action,
    });
  };
  switch (action) {
    case "advance": {
      if (!isActive(from)) return refuse("it has ended");
      if (from === "post_incident")
        return refuse("post-incident is the last phase; close the incident instead");
      return phaseAfter(from) as ActivePhase;
    }
    case "close":
      if (from === "post_incident") return "closed";
      return refuse(
        isActive(from)
          ? "containment, eradication, recovery and post-incident work come first"
          : "it has ended",
      );
    case "decline":
      if (isActive(from) && from !== "post_incident") return "declined";
      return refuse(
        from === "post_incident"
          ? "a recovered incident was real; close it instead"
          : "it has ended",
      );
    case "merge":
      if (isActive(from)) return "merged";
      return refuse("it has ended");
    case "reopen":
      if (from !== "closed" && from !== "declined")
        return refuse("only closed or declined incidents reopen");
      return reopenTo ?? (from === "closed" ? "post_incident" : "detection");
  }
}
