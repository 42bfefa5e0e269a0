import { useState } from "react";
import { CheckboxField } from "../../components/fields";
import { EditorSection, type SectionProps } from "./editor-section";

/** Who fills each role: every procedure step names a role, so each needs somebody. */
export function RolesSection({ plan, apply, problems }: SectionProps) {
  const [error, setError] = useState<string>();
  return (
    <EditorSection
      id="roles"
      title="Roles"
      intro="Tick who fills each role. A role nobody fills leaves procedure steps without an owner; the server says which."
      problems={problems}
      error={error}
    >
      {plan.roles.map((role) => {
        const holders = plan.team.filter((p) => (p.roles ?? []).includes(role.id)).map((p) => p.id);
        return (
          <fieldset key={role.id} className="field">
            <legend>
              {role.title}
              {holders.length === 0 && <span className="warning-text"> — nobody</span>}
            </legend>
            <div className="field-row">
              {plan.team.map((p) => (
                <CheckboxField
                  key={p.id}
                  id={`role-${role.id}-${p.id}`}
                  label={p.name}
                  checked={holders.includes(p.id)}
                  onChange={(on) =>
                    setError(
                      apply({
                        op: "role-holders",
                        role: role.id,
                        people: on ? [...holders, p.id] : holders.filter((x) => x !== p.id),
                      }),
                    )
                  }
                />
              ))}
            </div>
          </fieldset>
        );
      })}
    </EditorSection>
  );
}
