import { ApiError } from "../api/client";

interface Props {
  error: unknown;
  /** What was being attempted: "Could not advance the phase". */
  title?: string;
  /** List the problem's `errors` (false when the caller shows them its own way). */
  details?: boolean;
  children?: React.ReactNode;
}

/**
 * An error as people can act on it: the server's problem `detail`, and each detail with its
 * place (`line 12:5`, or the request field) when there is one.
 */
export function ProblemMessage({ error, title, details = true, children }: Props) {
  if (!error) return null;
  const problem = error instanceof ApiError ? error.problem : undefined;
  const detail = problem?.detail || (error instanceof Error ? error.message : String(error));
  return (
    <div className="problem" role="alert">
      <p className="problem-title">{title ?? problem?.title ?? "Something went wrong"}</p>
      <p>{detail}</p>
      {details && problem?.errors && problem.errors.length > 0 && (
        <ul className="problem-details">
          {problem.errors.map((d, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: details have no identity of their own
            <li key={i}>
              {d.line !== undefined && (
                <span className="mono">
                  line {d.line}
                  {d.column !== undefined ? `:${d.column}` : ""}{" "}
                </span>
              )}
              {d.message}
              {d.path && <span className="muted"> (at {d.path})</span>}
            </li>
          ))}
        </ul>
      )}
      {children}
    </div>
  );
}
