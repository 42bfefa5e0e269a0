import { PageHeader } from "../components/page-header";
import { Link } from "../router";

export function NotFound({ path }: { path: string }) {
  return (
    <>
      <PageHeader title="Page not found" />
      <div className="empty-state">
        <p className="empty-title">
          There is no page at <code>{path}</code>.
        </p>
        <div className="empty-body">
          <p>
            Go to the <Link to="/">dashboard</Link> or the{" "}
            <Link to="/incidents">incident list</Link>.
          </p>
        </div>
      </div>
    </>
  );
}
