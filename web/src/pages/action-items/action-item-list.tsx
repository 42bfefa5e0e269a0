import { actionItemsApi } from "../../api/postincident";
import { DataTable } from "../../components/data-table";
import { EmptyState } from "../../components/empty-state";
import { FilterBar, ParamCheckbox } from "../../components/filter-bar";
import { PageHeader } from "../../components/page-header";
import { ProblemMessage } from "../../components/problem-message";
import { RelativeTime } from "../../components/relative-time";
import { useResource } from "../../hooks/use-resource";
import { Link, useLocation } from "../../router";

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
      <FilterBar label="Filter action items" few={1}>
        <ParamCheckbox param="overdue" id="ai-overdue" label="Only overdue" />
      </FilterBar>
      <ProblemMessage error={error} title="Could not load action items" />
      <DataTable
        rows={data}
        error={error}
        rowKey={(a) => a.ref}
        empty={<EmptyState title={overdue ? "Nothing is overdue" : "No action items"} />}
        columns={[
          {
            header: "Item",
            rowHeader: true,
            cell: (a) => (
              <>
                {a.title}{" "}
                <span className="muted mono small">
                  {a.ref.startsWith("task:") ? "follow-up" : a.ref}
                </span>
              </>
            ),
          },
          {
            header: "Status",
            cell: (a) => (
              <span className={`badge action-${a.status}`}>{a.status.replace("_", " ")}</span>
            ),
          },
          { header: "Owner", cell: (a) => a.owner_name ?? a.owner ?? "—" },
          {
            header: "Due",
            cell: (a) =>
              a.due_at ? (
                <RelativeTime at={a.due_at} due={a.status !== "done" && a.status !== "cancelled"} />
              ) : (
                "—"
              ),
          },
          {
            header: "Incident",
            cell: (a) =>
              a.incident ? (
                <Link to={`/incidents/${a.incident.human_id}?tab=postincident`}>
                  {a.incident.human_id}
                </Link>
              ) : (
                "—"
              ),
          },
        ]}
      />
    </>
  );
}
