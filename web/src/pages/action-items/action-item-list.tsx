import { actionItemsApi } from "../../api/postincident";
import { EmptyState } from "../../components/empty-state";
import { Loading } from "../../components/loading";
import { PageHeader } from "../../components/page-header";
import { ProblemMessage } from "../../components/problem-message";
import { RelativeTime } from "../../components/relative-time";
import { useResource } from "../../hooks/use-resource";
import { Link, setSearch, useLocation } from "../../router";

/** Every action item and follow-up task across incidents, soonest due first. */
export function ActionItemList() {
  const { search } = useLocation();
  const overdue = search.get("overdue") === "true";
  const { data, error } = useResource(
    (signal) => actionItemsApi.list({ overdue }, signal),
    [overdue],
  );
  return (
    <>
      <PageHeader title="Action items">
        <p className="muted">
          What incidents and root-cause analyses left to do, tracked until it is done and verified.
          Work an item from its incident's Post-incident tab.
        </p>
      </PageHeader>
      <form
        className="filters compact"
        aria-label="Filter action items"
        onSubmit={(e) => e.preventDefault()}
      >
        <div className="field checkbox">
          <input
            id="ai-overdue"
            type="checkbox"
            checked={overdue}
            onChange={(e) => setSearch({ overdue: e.target.checked ? "true" : undefined })}
          />
          <label htmlFor="ai-overdue">Only overdue</label>
        </div>
      </form>
      <ProblemMessage error={error} title="Could not load action items" />
      {!data ? (
        !error && <Loading />
      ) : data.length === 0 ? (
        <EmptyState title={overdue ? "Nothing is overdue" : "No action items"} />
      ) : (
        <table className="responsive">
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col">Status</th>
              <th scope="col">Owner</th>
              <th scope="col">Due</th>
              <th scope="col">Incident</th>
            </tr>
          </thead>
          <tbody>
            {data.map((a) => (
              <tr key={a.ref}>
                <th scope="row" data-label="Item">
                  {a.title}{" "}
                  <span className="muted mono small">
                    {a.ref.startsWith("task:") ? "follow-up" : a.ref}
                  </span>
                </th>
                <td data-label="Status">
                  <span className={`badge action-${a.status}`}>{a.status.replace("_", " ")}</span>
                </td>
                <td data-label="Owner">{a.owner_name ?? a.owner ?? "—"}</td>
                <td data-label="Due">
                  {a.due_at ? (
                    <RelativeTime
                      at={a.due_at}
                      due={a.status !== "done" && a.status !== "cancelled"}
                    />
                  ) : (
                    "—"
                  )}
                </td>
                <td data-label="Incident">
                  {a.incident ? (
                    <Link to={`/incidents/${a.incident.human_id}?tab=postincident`}>
                      {a.incident.human_id}
                    </Link>
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
