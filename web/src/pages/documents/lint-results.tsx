import type { ReactNode } from "react";
import type { LintReport } from "../../api/documents";
import { EmptyState } from "../../components/empty-state";
import { findingPlace } from "../../lib/lint-link";
import { Link } from "../../router";

interface Props {
  report: LintReport;
  /** What no finding means here (default: about what is in force). */
  empty?: ReactNode;
  /**
   * Findings in a text being edited (file `upload`) point into that text, not into a stored
   * version: their place is a button that calls this (the editor puts the cursor there).
   */
  goTo?: (line: number, column: number) => void;
}

/** Lint findings, each linked to the document section or procedure step and the source line. */
export function LintResults({ report, empty, goTo }: Props) {
  if (report.findings.length === 0)
    return (
      <EmptyState title="No findings">
        {empty ?? <p>The plan and procedures in force agree with each other.</p>}
      </EmptyState>
    );
  return (
    <>
      <p>
        {report.errors} error{report.errors === 1 ? "" : "s"}, {report.warnings} warning
        {report.warnings === 1 ? "" : "s"}.
      </p>
      <ul className="findings">
        {report.findings.map((f) => {
          // A finding in the edited text has no stored version to link to.
          const inText = goTo !== undefined && f.file === "upload";
          const place = inText ? undefined : findingPlace(f);
          return (
            <li
              key={`${f.file}:${f.line}:${f.column}:${f.message}`}
              className={`finding ${f.level}`}
            >
              <span className={`badge ${f.level}`}>
                {f.level === "error" ? "Error" : "Warning"}
              </span>{" "}
              {inText ? (
                <button
                  type="button"
                  className="link-button mono"
                  onClick={() => goTo?.(f.line, f.column)}
                >
                  line {f.line}:{f.column}
                </button>
              ) : place?.sourceHref ? (
                <Link to={place.sourceHref} className="mono">
                  {f.file}:{f.line}:{f.column}
                </Link>
              ) : (
                <span className="mono">
                  {f.file}:{f.line}:{f.column}
                </span>
              )}{" "}
              {f.message}
              {f.path && (
                <div className="muted">
                  at {place?.href ? <Link to={place.href}>{f.path}</Link> : <span>{f.path}</span>}
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}
