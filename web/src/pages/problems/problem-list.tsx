import { type FormEvent, useState } from "react";
import { PROBLEM_STATES } from "../../../../src/domain/problem";
import { problemsApi } from "../../api/problems";
import { DataTable } from "../../components/data-table";
import { Dialog } from "../../components/dialog";
import { EmptyState } from "../../components/empty-state";
import { choices, TextAreaField, TextField } from "../../components/fields";
import { FilterBar, ParamSelect } from "../../components/filter-bar";
import { PageHeader } from "../../components/page-header";
import { ProblemMessage } from "../../components/problem-message";
import { RelativeTime } from "../../components/relative-time";
import { useDraft } from "../../hooks/use-draft";
import { useResource } from "../../hooks/use-resource";
import { Link, navigate, useLocation } from "../../router";
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
      <TextField
        id="pr-title"
        label="Title"
        required
        value={draft.title}
        onChange={(title) => setDraft({ ...draft, title })}
      />
      <TextAreaField
        id="pr-description"
        label="What is known"
        rows={3}
        value={draft.description}
        onChange={(description) => setDraft({ ...draft, description })}
      />
      <TextField
        id="pr-incidents"
        label="Incidents (ids, separated by commas)"
        placeholder="INC-2026-0001, INC-2026-0004"
        value={draft.incidents}
        onChange={(incidents) => setDraft({ ...draft, incidents })}
      />
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
      <FilterBar label="Filter problems" few={1}>
        <ParamSelect
          param="state"
          id="pr-state"
          label="State"
          none="Any"
          choices={choices(PROBLEM_STATES, (s) => STATE_LABEL[s])}
        />
      </FilterBar>
      <ProblemMessage error={error} title="Could not load problems" />
      <DataTable
        rows={data?.items}
        error={error}
        loading="Loading problems"
        rowKey={(p) => p.id}
        empty={
          <EmptyState title="No problems recorded">
            <p>Open one when incidents keep coming back or their cause is not understood.</p>
          </EmptyState>
        }
        columns={[
          {
            header: "Problem",
            rowHeader: true,
            cell: (p) => (
              <Link to={`/problems/${p.human_id}`}>
                <span className="mono">{p.human_id}</span> {p.title}
              </Link>
            ),
          },
          {
            header: "State",
            cell: (p) => <span className={`badge problem-${p.state}`}>{STATE_LABEL[p.state]}</span>,
          },
          { header: "Opened", cell: (p) => <RelativeTime at={p.opened_at} /> },
          { header: "Updated", cell: (p) => <RelativeTime at={p.updated_at} /> },
        ]}
      />
      <Dialog open={opening} title="Open a problem" onClose={() => setOpening(false)}>
        <OpenProblem onClose={() => setOpening(false)} />
      </Dialog>
    </>
  );
}
