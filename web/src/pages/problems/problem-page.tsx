import { type FormEvent, useState } from "react";
import { ApiError } from "../../api/client";
import { type ProblemDetail, problemsApi } from "../../api/problems";
import { PhaseBadge, SeverityBadge } from "../../components/badges";
import { TextAreaField } from "../../components/fields";
import { announce } from "../../components/live-region";
import { Loading } from "../../components/loading";
import { PageHeader } from "../../components/page-header";
import { Actor } from "../../components/person";
import { ProblemMessage } from "../../components/problem-message";
import { RelativeTime } from "../../components/relative-time";
import { useDraft } from "../../hooks/use-draft";
import { useResource } from "../../hooks/use-resource";
import { useSubmit } from "../../hooks/use-submit";
import { useCurrentPlan } from "../../plan-context";
import { Link } from "../../router";
import { useSession } from "../../session-context";
import { STATE_LABEL } from "./problem-list";

function Transition({ problem, onDone }: { problem: ProblemDetail; onDone: () => Promise<void> }) {
  const to = problem.state === "open" ? "known_error" : "resolved";
  const [draft, setDraft, clearDraft] = useDraft(`problem-transition:${problem.id}`, {
    cause: "",
    workaround: "",
    fix: "",
    verified_by: "",
  });
  const [error, setError] = useState<unknown>();
  const [stale, setStale] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    setStale(false);
    try {
      await problemsApi.transition(
        problem.human_id,
        to === "known_error"
          ? { to, cause: draft.cause.trim(), workaround: draft.workaround.trim() }
          : { to, fix: draft.fix.trim(), verified_by: draft.verified_by.trim() },
        problem.version,
      );
      clearDraft();
      announce(`${problem.human_id} is now ${STATE_LABEL[to].toLowerCase()}`);
      await onDone();
    } catch (err) {
      if (err instanceof ApiError && err.code === "stale_version") {
        setStale(true);
        await onDone();
      } else setError(err);
    }
  };
  const field = (key: keyof typeof draft, label: string, rows = 3) => (
    <TextAreaField
      id={`pt-${key}`}
      label={label}
      rows={rows}
      required
      value={draft[key]}
      onChange={(text) => setDraft({ ...draft, [key]: text })}
    />
  );
  return (
    <form className="form panel" onSubmit={submit} aria-labelledby="transition-title">
      <h2 id="transition-title">
        {to === "known_error" ? "The cause is found" : "The fix is in and verified"}
      </h2>
      {stale && (
        <p className="notice" role="alert">
          Someone else changed this problem first; it has been reloaded and what you typed is kept.
        </p>
      )}
      {to === "known_error" ? (
        <>
          {field("cause", "Root cause")}
          {field("workaround", "Workaround until it is fixed")}
        </>
      ) : (
        <>
          {field("fix", "The fix")}
          {field("verified_by", "Verified by (who, and how)", 2)}
        </>
      )}
      <ProblemMessage error={error} title="Not changed" />
      <div className="form-actions">
        <button type="submit" className="button primary">
          {to === "known_error" ? "Mark as known error" : "Mark as resolved"}
        </button>
      </div>
    </form>
  );
}

function LinkIncidents({
  problem,
  onDone,
}: {
  problem: ProblemDetail;
  onDone: () => Promise<void>;
}) {
  const [refs, setRefs] = useState("");
  const { submit, error } = useSubmit(async () => {
    await problemsApi.link(problem.human_id, refs.split(/[\s,]+/).filter(Boolean));
    setRefs("");
    await onDone();
  });
  return (
    <form className="inline-form" onSubmit={submit}>
      <label htmlFor="pl-refs">Link incidents (ids, separated by commas)</label>
      <input id="pl-refs" value={refs} onChange={(e) => setRefs(e.target.value)} />
      <button type="submit" className="button small" disabled={!refs.trim()}>
        Link
      </button>
      <ProblemMessage error={error} title="Not linked" />
    </form>
  );
}

/** One problem: what is known, the incidents behind it, and moving it towards resolved. */
export function ProblemPage({ problemId }: { problemId: string }) {
  const plan = useCurrentPlan().data?.body;
  const { canWrite } = useSession();
  const {
    data: problem,
    error,
    reload,
  } = useResource((signal) => problemsApi.get(problemId, signal), [problemId]);
  if (!problem)
    return (
      <>
        <PageHeader title={problemId} />
        {error ? <ProblemMessage error={error} title="Could not load the problem" /> : <Loading />}
      </>
    );
  return (
    <>
      <PageHeader
        title={
          <>
            <span className="mono human-id">{problem.human_id}</span> {problem.title}
          </>
        }
        tabTitle={`${problem.human_id} ${problem.title}`}
      >
        <div className="room-meta">
          <span className={`badge problem-${problem.state}`}>{STATE_LABEL[problem.state]}</span>
          <span className="muted">
            opened <RelativeTime at={problem.opened_at} /> by <Actor actor={problem.opened_by} />
          </span>
        </div>
      </PageHeader>
      {problem.description && <p className="description">{problem.description}</p>}
      <dl className="pairs panel">
        <div>
          <dt>Root cause</dt>
          <dd>{problem.cause ?? <span className="muted">not known yet</span>}</dd>
        </div>
        <div>
          <dt>Workaround</dt>
          <dd>{problem.workaround ?? <span className="muted">none yet</span>}</dd>
        </div>
        <div>
          <dt>Fix</dt>
          <dd>{problem.fix ?? <span className="muted">not yet</span>}</dd>
        </div>
        {problem.verified_by && (
          <div>
            <dt>Verified by</dt>
            <dd>{problem.verified_by}</dd>
          </div>
        )}
      </dl>
      <section className="panel" aria-labelledby="linked-title">
        <h2 id="linked-title">Incidents</h2>
        {problem.incidents.length === 0 ? (
          <p className="muted">No incident is linked yet.</p>
        ) : (
          <ul className="open-list">
            {problem.incidents.map((i) => (
              <li key={i.incident_id}>
                <Link to={`/incidents/${i.human_id}`}>
                  <span className="mono">{i.human_id}</span> {i.title}
                </Link>
                <span className="open-list-meta">
                  <SeverityBadge plan={plan} severity={i.severity} />
                  <PhaseBadge phase={i.phase} />
                </span>
              </li>
            ))}
          </ul>
        )}
        {canWrite && <LinkIncidents problem={problem} onDone={reload} />}
      </section>
      {canWrite && problem.state !== "resolved" && <Transition problem={problem} onDone={reload} />}
    </>
  );
}
