import { PageHeader } from "../components/page-header";

interface Props {
  title: string;
  /** What the screen will do, in a sentence or two. */
  description: string;
  /** The API the screen is waiting for. */
  waitingFor: string;
}

/**
 * A screen whose API has not landed yet. It says so plainly rather than showing an empty list
 * that looks like "nothing happened"; the route exists so links and shortcuts already work.
 */
export function NotAvailable({ title, description, waitingFor }: Props) {
  return (
    <>
      <PageHeader title={title} />
      <div className="empty-state">
        <p className="empty-title">{title} is not available yet</p>
        <div className="empty-body">
          <p>{description}</p>
          <p className="muted">
            This screen appears when this server offers <code>{waitingFor}</code>. See{" "}
            <a href="/api/v1/openapi.json">the API description</a> for what it offers now.
          </p>
        </div>
      </div>
    </>
  );
}
