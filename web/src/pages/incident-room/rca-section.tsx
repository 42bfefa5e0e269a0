import { type FormEvent, useState } from "react";
import { ApiError } from "../../api/client";
import { type Cause, type Rca, rcaApi } from "../../api/postincident";
import { EmptyState } from "../../components/empty-state";
import { announce } from "../../components/live-region";
import { ProblemMessage } from "../../components/problem-message";
import { useDraft } from "../../hooks/use-draft";
import { useResource } from "../../hooks/use-resource";

interface Props {
  incidentRef: string;
  incidentId: string;
  editable: boolean;
  revision: number;
}

const STEPS: Rca["status"][] = ["scoping", "analysing", "solution", "implementing", "complete"];

/** Causes as an indented tree: each explains its parent, down to the root cause. */
function CauseTree({
  rca,
  parent,
  depth,
  onRoot,
  editable,
}: {
  rca: Rca;
  parent: string | null;
  depth: number;
  onRoot: (cause: Cause) => void;
  editable: boolean;
}) {
  const children = rca.causes.filter((c) => c.parent_id === parent);
  if (children.length === 0) return null;
  return (
    <ul className={depth === 0 ? "cause-tree" : undefined}>
      {children.map((c) => (
        <li key={c.id} className={c.id === rca.root_cause_id ? "root-cause" : undefined}>
          {c.statement}
          {c.id === rca.root_cause_id && <span className="badge required">Root cause</span>}
          {editable && c.id !== rca.root_cause_id && (
            <button type="button" className="link-button small" onClick={() => onRoot(c)}>
              This is the root cause
            </button>
          )}
          <CauseTree
            rca={rca}
            parent={c.id}
            depth={depth + 1}
            onRoot={onRoot}
            editable={editable}
          />
        </li>
      ))}
    </ul>
  );
}

function RcaCard({
  rca,
  editable,
  onChanged,
}: {
  rca: Rca;
  editable: boolean;
  onChanged: () => void;
}) {
  const [cause, setCause, clearCause] = useDraft(`rca-cause:${rca.id}`, {
    statement: "",
    parent: "",
  });
  const [solution, setSolution, clearSolution] = useDraft(`rca-solution:${rca.id}`, {
    summary: "",
    workaround: "",
  });
  const [error, setError] = useState<unknown>();
  const run = async (what: () => Promise<unknown>, after?: () => void) => {
    setError(undefined);
    try {
      await what();
      after?.();
      onChanged();
    } catch (e) {
      if (e instanceof ApiError && e.code === "stale_version") onChanged();
      setError(e);
    }
  };
  const addCause = (e: FormEvent) => {
    e.preventDefault();
    void run(
      () =>
        rcaApi.addCause(rca.human_id, cause.statement.trim(), cause.parent || null, rca.version),
      () => {
        clearCause();
        announce("Cause added");
      },
    );
  };
  const decide = (e: FormEvent) => {
    e.preventDefault();
    void run(
      () =>
        rcaApi.setSolution(
          rca.human_id,
          solution.summary.trim(),
          solution.workaround.trim() || null,
          rca.version,
        ),
      clearSolution,
    );
  };

  return (
    <article className="card">
      <h4>
        <span className="mono">{rca.human_id}</span> {rca.title}
      </h4>
      <ol className="rca-steps" aria-label="Analysis steps">
        {STEPS.map((s) => (
          <li
            key={s}
            className={
              s === rca.status
                ? "current"
                : STEPS.indexOf(s) < STEPS.indexOf(rca.status)
                  ? "done"
                  : undefined
            }
          >
            {s}
          </li>
        ))}
      </ol>
      <p>
        <strong>Scope:</strong> {rca.scope.summary}
      </p>
      <h5>Causes</h5>
      {rca.causes.length === 0 ? (
        <p className="muted">No cause recorded yet: ask why, and why again.</p>
      ) : (
        <CauseTree
          rca={rca}
          parent={null}
          depth={0}
          editable={editable}
          onRoot={(c) => void run(() => rcaApi.setRootCause(rca.human_id, c.id, rca.version))}
        />
      )}
      {rca.solution && (
        <p>
          <strong>Solution:</strong> {rca.solution.summary}
          {rca.solution.workaround && (
            <>
              <br />
              <strong>Workaround:</strong> {rca.solution.workaround}
            </>
          )}
        </p>
      )}
      <ProblemMessage error={error} title="Not saved (what you typed is kept)" />
      {editable && (
        <form className="inline-form" onSubmit={addCause}>
          <label htmlFor={`cause-${rca.id}`}>Add a cause</label>
          <textarea
            id={`cause-${rca.id}`}
            rows={2}
            required
            value={cause.statement}
            onChange={(e) => setCause({ ...cause, statement: e.target.value })}
          />
          {rca.causes.length > 0 && (
            <select
              aria-label="It explains"
              value={cause.parent}
              onChange={(e) => setCause({ ...cause, parent: e.target.value })}
            >
              <option value="">A top-level cause</option>
              {rca.causes.map((c) => (
                <option key={c.id} value={c.id}>
                  Explains: {c.statement.slice(0, 80)}
                </option>
              ))}
            </select>
          )}
          <button type="submit" className="button small" disabled={!cause.statement.trim()}>
            Add cause
          </button>
        </form>
      )}
      {editable && rca.root_cause_id && !rca.solution && (
        <form className="inline-form" onSubmit={decide}>
          <label htmlFor={`solution-${rca.id}`}>The effective solution</label>
          <textarea
            id={`solution-${rca.id}`}
            rows={2}
            required
            value={solution.summary}
            onChange={(e) => setSolution({ ...solution, summary: e.target.value })}
          />
          <label htmlFor={`workaround-${rca.id}`}>Workaround until then (optional)</label>
          <input
            id={`workaround-${rca.id}`}
            value={solution.workaround}
            onChange={(e) => setSolution({ ...solution, workaround: e.target.value })}
          />
          <button type="submit" className="button small" disabled={!solution.summary.trim()}>
            Record solution
          </button>
        </form>
      )}
    </article>
  );
}

/** Root-cause analysis: scope → causes (why, and why again) → root cause → solution. */
export function RcaSection({ incidentRef, incidentId, editable, revision }: Props) {
  const { data, error, reload } = useResource(
    (signal) => rcaApi.forIncident(incidentRef, signal),
    [incidentRef],
    revision,
  );
  const [draft, setDraft, clearDraft] = useDraft(`rca-start:${incidentId}`, {
    title: "",
    scope: "",
  });
  const [startError, setStartError] = useState<unknown>();
  const start = async (e: FormEvent) => {
    e.preventDefault();
    setStartError(undefined);
    try {
      await rcaApi.start(incidentRef, draft.title.trim(), draft.scope.trim());
      clearDraft();
      announce("Root-cause analysis started");
      void reload();
    } catch (err) {
      setStartError(err);
    }
  };
  return (
    <section className="panel" aria-labelledby="rca-title">
      <h3 id="rca-title">Root-cause analysis</h3>
      <ProblemMessage error={error} title="Could not load the analyses" />
      {data?.length === 0 && (
        <EmptyState title="No analysis yet">
          <p>Define what it covers, then work down from what happened to why.</p>
        </EmptyState>
      )}
      {data?.map((r) => (
        <RcaCard key={r.id} rca={r} editable={editable} onChanged={() => void reload()} />
      ))}
      {editable && data && (
        <details open={data.length === 0}>
          <summary>{data.length === 0 ? "Start an analysis" : "Start another analysis"}</summary>
          <form className="inline-form" onSubmit={start}>
            <label htmlFor="rca-new-title">Title (optional)</label>
            <input
              id="rca-new-title"
              value={draft.title}
              onChange={(e) => setDraft({ ...draft, title: e.target.value })}
            />
            <label htmlFor="rca-new-scope">What it covers</label>
            <textarea
              id="rca-new-scope"
              rows={2}
              required
              value={draft.scope}
              onChange={(e) => setDraft({ ...draft, scope: e.target.value })}
            />
            <button type="submit" className="button small" disabled={!draft.scope.trim()}>
              Start analysis
            </button>
            <ProblemMessage error={startError} title="Not started" />
          </form>
        </details>
      )}
    </section>
  );
}
