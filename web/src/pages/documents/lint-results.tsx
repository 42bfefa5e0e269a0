import type { LintReport } from "../../api/documents";
import { EmptyState } from "../../components/empty-state";
import { findingPlace } from "../../lib/lint-link";
import { Link } from "../../router";

/** Lint findings, each linked to the document section or procedure step and the source line. */
export function LintResults({ report }: { report: LintReport }) {
  if (report.findings.length === 0)
    return (
      <EmptyState title="No findings">
        <p>The plan and procedures in force agree with each other.</p>
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
          const place = findingPlace(f);
          return (
            <li
              key={`${f.file}:${f.line}:${f.column}:${f.message}`}
              className={`finding ${f.level}`}
            >
              <span className={`badge ${f.level}`}>
                {f.level === "error" ? "Error" : "Warning"}
              </span>{" "}
              {place?.sourceHref ? (
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
