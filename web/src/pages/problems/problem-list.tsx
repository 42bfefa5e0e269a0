import { type FormEvent, useState } from "react";
import { PROBLEM_STATES, problemsApi } from "../../api/problems";
import { Dialog } from "../../components/dialog";
import { EmptyState } from "../../components/empty-state";
import { Loading } from "../../components/loading";
import { PageHeader } from "../../components/page-header";
import { ProblemMessage } from "../../components/problem-message";
import { RelativeTime } from "../../components/relative-time";
import { useDraft } from "../../hooks/use-draft";
import { useResource } from "../../hooks/use-resource";
import { Link, navigate, setSearch, useLocation } from "../../router";
import { useSession } from "../../session-context";

export const STATE_LABEL = { open: "Open", known_error: "Known error", resolved: "Resolved" };

function OpenProblem({ onClose }: { onClose: () => void }) {
  const [draft, setDraft, clearDraft] = useDraft("problem", {
    title: "",
    description: "",
    incidents: "",
  });
  const [error, setError] = useState<unknown>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    try {
      const p = await problemsApi.open({
        title: draft.title.trim(),
        description: draft.description.trim() || undefined,
        incidents: draft.incidents
          .split(/[\s,]+/)
          .map((s) => s.trim())
          .filter(Boolean),
      });
      clearDraft();
      onClose();
      navigate(`/problems/${p.human_id}`);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form className="form" onSubmit={submit}>
      <div className="field">
        <label htmlFor="pr-title">Title</label>
        <input
          id="pr-title"
          required
          value={draft.title}
          onChange={(e) => setDraft({ ...draft, title: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor="pr-description">What is known</label>
        <textarea
          id="pr-description"
          rows={3}
          value={draft.description}
          onChange={(e) => setDraft({ ...draft, description: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor="pr-incidents">Incidents (ids, separated by commas)</label>
        <input
          id="pr-incidents"
          placeholder="INC-2026-0001, INC-2026-0004"
          value={draft.incidents}
          onChange={(e) => setDraft({ ...draft, incidents: e.target.value })}
        />
      </div>
      <ProblemMessage error={error} title="Not opened (what you typed is kept)" />
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={!draft.title.trim()}>
          Open problem
        </button>
      </div>
    </form>
  );
}

/** Problems: incidents whose cause is not yet known, through known error to resolved. */
export function ProblemList() {
  const { canWrite } = useSession();
  const { search } = useLocation();
  const state = search.get("state") ?? "";
  const [opening, setOpening] = useState(false);
  const { data, error } = useResource(
    (signal) => problemsApi.list({ state: state ? [state] : undefined }, signal),
    [state],
  );
  return (
    <>
      <PageHeader
        title="Problems"
        actions={
          canWrite && (
            <button type="button" className="button primary" onClick={() => setOpening(true)}>
              Open a problem
            </button>
          )
        }
      >
        <p className="muted">
          A problem is the unknown cause behind one or more incidents: open until the cause is
          found, a known error with a workaround, resolved when the fix is verified.
        </p>
      </PageHeader>
      <form
        className="filters compact"
        aria-label="Filter problems"
        onSubmit={(e) => e.preventDefault()}
      >
        <div className="field">
          <label htmlFor="pr-state">State</label>
          <select
            id="pr-state"
            value={state}
            onChange={(e) => setSearch({ state: e.target.value })}
          >
            <option value="">Any</option>
            {PROBLEM_STATES.map((s) => (
              <option key={s} value={s}>
                {STATE_LABEL[s]}
              </option>
            ))}
          </select>
        </div>
      </form>
      <ProblemMessage error={error} title="Could not load problems" />
      {!data ? (
        !error && <Loading what="Loading problems" />
      ) : data.items.length === 0 ? (
        <EmptyState title="No problems recorded">
          <p>Open one when incidents keep coming back or their cause is not understood.</p>
        </EmptyState>
      ) : (
        <table className="responsive">
          <thead>
            <tr>
              <th scope="col">Problem</th>
              <th scope="col">State</th>
              <th scope="col">Opened</th>
              <th scope="col">Updated</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((p) => (
              <tr key={p.id}>
                <th scope="row" data-label="Problem">
                  <Link to={`/problems/${p.human_id}`}>
                    <span className="mono">{p.human_id}</span> {p.title}
                  </Link>
                </th>
                <td data-label="State">
                  <span className={`badge problem-${p.state}`}>{STATE_LABEL[p.state]}</span>
                </td>
                <td data-label="Opened">
                  <RelativeTime at={p.opened_at} />
                </td>
                <td data-label="Updated">
                  <RelativeTime at={p.updated_at} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Dialog open={opening} title="Open a problem" onClose={() => setOpening(false)}>
        <OpenProblem onClose={() => setOpening(false)} />
      </Dialog>
    </>
  );
}
