import type { ReactNode } from "react";
import type { PlanDraft, PlanEdit } from "../../lib/plan-edit";

/** The sections of the editor, by the ids other screens link to (`/plan/edit#team`). */
export const SECTIONS = [
  ["organisation", "Organisation"],
  ["team", "Team"],
  ["roles", "Roles"],
  ["on-call", "On call"],
  ["channels", "Channels"],
  ["escalation", "Escalation"],
  ["obligations", "Obligations"],
] as const;

export type SectionId = (typeof SECTIONS)[number][0];

/** A problem the server found in the draft, placed in the section it is about. */
export interface SectionProblem {
  line?: number;
  column?: number;
  path?: string;
  message: string;
}

/** What every section gets: the draft as data, a way to change it, and its own problems. */
export interface SectionProps {
  plan: PlanDraft;
  /** Applies edits to the draft; answers why not when the edit is impossible (else undefined). */
  apply: (edits: PlanEdit | PlanEdit[]) => string | undefined;
  problems: SectionProblem[];
}

/** Which section a lint or schema problem belongs to, from its path (`plan default: team[0].roles`). */
export function sectionOf(p: SectionProblem): SectionId | undefined {
  if (/is not filled by anyone/.test(p.message)) return "roles";
  const path = (p.path ?? "").replace(/^plan [^:]+:\s*/, "");
  const top = /^[a-z_]+/.exec(path)?.[0];
  switch (top) {
    case "organisation":
    case "title":
      return "organisation";
    case "team":
    case "owner":
    case "approval":
      return "team";
    case "roles":
    case "command":
      return "roles";
    case "on_call":
      return "on-call";
    case "channels":
    case "communication":
      return "channels";
    case "escalation":
      return "escalation";
    case "compliance":
      return "obligations";
    default:
      return undefined;
  }
}

/** The problems of a list, as a list people can act on (line and column of the draft's YAML). */
export function ProblemList({ problems }: { problems: readonly SectionProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <ul className="upload-problems">
      {problems.map((p, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: problems have no identity
        <li key={i}>
          {p.line !== undefined && (
            <span className="mono">
              line {p.line}:{p.column ?? 1}{" "}
            </span>
          )}
          {p.message}
          {p.path && <span className="muted"> (at {p.path})</span>}
        </li>
      ))}
    </ul>
  );
}

/** One section of the editor: a titled panel that lists what the server found wrong in it. */
export function EditorSection({
  id,
  title,
  intro,
  problems,
  error,
  children,
}: {
  id: SectionId;
  title: string;
  intro?: ReactNode;
  problems: readonly SectionProblem[];
  /** Why the last edit in this section could not be made. */
  error?: string;
  children: ReactNode;
}) {
  return (
    <section id={id} className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {intro && <p className="muted">{intro}</p>}
      {(problems.length > 0 || error) && (
        <div className="problem" role="alert">
          <p className="problem-title">
            {error ? "That change was not made" : "The server refused the draft because of this"}
          </p>
          {error && <p>{error}</p>}
          <ProblemList problems={problems} />
        </div>
      )}
      {children}
    </section>
  );
}
