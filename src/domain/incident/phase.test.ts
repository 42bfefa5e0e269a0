import { describe, expect, it } from "vitest";
import { DomainError } from "../errors.js";
import {
  INCIDENT_PHASES,
  type IncidentPhase,
  nextPhase,
  PHASE_ACTIONS,
  type PhaseAction,
} from "./phase.js";

/** The whole machine, written out by hand: every phase × every action. `null` = refused. */
const EXPECTED: Record<IncidentPhase, Record<PhaseAction, IncidentPhase | null>> = {
  detection: {
    advance: "containment",
    close: null,
    decline: "declined",
    merge: "merged",
    reopen: null,
  },
  containment: {
    advance: "eradication",
    close: null,
    decline: "declined",
    merge: "merged",
    reopen: null,
  },
  eradication: {
    advance: "recovery",
    close: null,
    decline: "declined",
    merge: "merged",
    reopen: null,
  },
  recovery: {
    advance: "post_incident",
    close: null,
    decline: "declined",
    merge: "merged",
    reopen: null,
  },
  post_incident: { advance: null, close: "closed", decline: null, merge: "merged", reopen: null },
  closed: { advance: null, close: null, decline: null, merge: null, reopen: "post_incident" },
  declined: { advance: null, close: null, decline: null, merge: null, reopen: "detection" },
  merged: { advance: null, close: null, decline: null, merge: null, reopen: null },
};

describe("the phase state machine", () => {
  for (const phase of INCIDENT_PHASES) {
    for (const action of PHASE_ACTIONS) {
      const expected = EXPECTED[phase][action];
      it(`${action} from ${phase} → ${expected ?? "refused"}`, () => {
        if (expected === null) {
          expect(() => nextPhase(phase, action)).toThrow(DomainError);
          try {
            nextPhase(phase, action);
          } catch (e) {
            expect((e as DomainError).code).toBe("conflict");
            expect((e as DomainError).message).toContain(phase);
          }
        } else {
          expect(nextPhase(phase, action)).toBe(expected);
        }
      });
    }
  }

  it("reopens to a chosen phase", () => {
    expect(nextPhase("declined", "reopen", "containment")).toBe("containment");
  });
});
