import type { ReactNode } from "react";
import type { PlanEdit } from "../../lib/plan-edit";
import type { PlanDraft } from "../../lib/plan-yaml";
import type { SectionId, SectionProblem } from "./section-of";

/** What every section gets: the draft as data, a way to change it, and its own problems. */
export interface SectionProps {
  plan: PlanDraft;
  /** Applies edits to the draft; answers why not when the edit is impossible (else undefined). */
  apply: (edits: PlanEdit | PlanEdit[]) => string | undefined;
  problems: SectionProblem[];
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
