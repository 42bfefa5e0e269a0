import { incidentsApi } from "../../api/incidents";
import { reportsApi } from "../../api/postincident";
import { EmptyState } from "../../components/empty-state";
import { Loading } from "../../components/loading";
import { PageHeader } from "../../components/page-header";
import { ProblemMessage } from "../../components/problem-message";
import { RelativeTime } from "../../components/relative-time";
import { useResource } from "../../hooks/use-resource";
import { Link } from "../../router";

const RECENT = 25;

/**
 * Reports of the most recent incidents. Reports are produced per incident (its Reports tab);
 * this is where to find them again.
 */
export function ReportList() {
  const { data, error } = useResource(async (signal) => {
    const incidents = (await incidentsApi.list({ limit: RECENT, exercise: true }, signal)).items;
    return Promise.all(
      incidents.map(async (incident) => ({
        incident,
        reports: await reportsApi.list(incident.human_id, signal),
      })),
    );
  }, []);
  const withReports = data?.filter((d) => d.reports.length > 0) ?? [];
  return (
    <>
      <PageHeader title="Reports">
        <p className="muted">
          Technical, executive and after-action reports and regulator drafts of the {RECENT} most
          recent incidents. Produce one from an incident's Reports tab.
        </p>
      </PageHeader>
      <ProblemMessage error={error} title="Could not load reports" />
      {!data ? (
        !error && <Loading what="Loading reports" />
      ) : withReports.length === 0 ? (
        <EmptyState title="No reports yet">
          <p>Open an incident and choose its Reports tab to produce one.</p>
        </EmptyState>
      ) : (
        withReports.map(({ incident, reports }) => (
          <section key={incident.id} className="panel" aria-label={incident.human_id}>
            <h2>
              <Link to={`/incidents/${incident.human_id}?tab=reports`}>
                <span className="mono">{incident.human_id}</span> {incident.title}
              </Link>
            </h2>
            <ul className="record-list compact">
              {reports.map((r) => (
                <li key={r.id}>
                  <a href={reportsApi.url(r.id)} target="_blank" rel="noopener">
                    {r.title}
                  </a>{" "}
                  <span className="muted small">
                    {r.format.toUpperCase()} v{r.version} · <RelativeTime at={r.created_at} />
                  </span>
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
    </>
  );
}
