import { describe, expect, it } from "vitest";
import { minimalPlan, minimalProcedure, toYaml } from "../../test/support/documents.js";
import { lintDocuments } from "./lint.js";
import { parseDocuments } from "./yaml-loader.js";

function lint(plan: Record<string, unknown>) {
  const { documents, errors } = parseDocuments(toYaml(plan, minimalProcedure()), "set.yml");
  expect(errors).toEqual([]);
  return lintDocuments(documents, new Date()).findings.map(
    (f) => `${f.level}: ${f.path}: ${f.message}`,
  );
}

const roles = minimalPlan().roles as Record<string, unknown>[];
const withRoles = (commander: Record<string, unknown>) => [
  { ...roles[0], ...commander },
  ...roles.slice(1),
];

describe("lint of the plan's command and closing rules", () => {
  it("passes a plan whose rules someone can exercise", () => {
    const plan = minimalPlan({
      command: { required_from: "high" },
      roles: withRoles({ authority: ["assign_commander", "override_gate", "close"] }),
    });
    (plan.severity_scale as Record<string, unknown>[])[1] = {
      ...(plan.severity_scale as Record<string, unknown>[])[1],
      close_requires: ["root_cause_analysis", "after_action_report"],
    };
    expect(lint(plan)).toEqual([]);
  });

  it("finds a level off the scale, and rules only an admin could exercise", () => {
    const plan = minimalPlan({
      command: { required_from: "severe" },
      roles: withRoles({ authority: ["close"], on_call_authority: ["assign_commander"] }),
    });
    (plan.severity_scale as Record<string, unknown>[])[0] = {
      ...(plan.severity_scale as Record<string, unknown>[])[0],
      close_requires: ["lessons_learned", "lessons_learned"],
    };
    // Findings come in document order; compare them as a set.
    expect(lint(plan).sort()).toEqual(
      [
        "error: plan test-plan: command.required_from: 'severe' is not a severity on the plan's scale (low, high)",
        "warning: plan test-plan: command.required_from: no staffed role carries 'assign_commander' (nor on call): only an admin can put a commander in place",
        "warning: plan test-plan: roles[0].on_call_authority: role 'commander' has no on-call rotation, so nobody ever holds its on_call_authority",
        "warning: plan test-plan: severity_scale[0].close_requires[1]: 'lessons_learned' is listed twice",
        "warning: plan test-plan: severity_scale[0].close_requires: no staffed role carries both 'close' and 'override_gate': only an admin can close without the required work",
      ].sort(),
    );
  });

  it("refuses an unknown authority or closing obligation in the schema", () => {
    const plan = minimalPlan({ roles: withRoles({ authority: ["rule_the_world"] }) });
    (plan.severity_scale as Record<string, unknown>[])[0] = {
      ...(plan.severity_scale as Record<string, unknown>[])[0],
      close_requires: ["a_party"],
    };
    const { errors } = parseDocuments(toYaml(plan), "set.yml");
    expect(errors.map((e) => e.path)).toEqual(
      expect.arrayContaining(["roles[0].authority[0]", "severity_scale[0].close_requires[0]"]),
    );
  });
});
