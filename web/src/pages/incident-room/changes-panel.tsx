import { type Change, changesApi } from "../../api/changes";
import { DataTable } from "../../components/data-table";
import { EmptyState } from "../../components/empty-state";
import { ProblemMessage } from "../../components/problem-message";
import { DateTime } from "../../components/relative-time";
import { useResource } from "../../hooks/use-resource";
import { formatSpan } from "../../lib/time";

interface Props {
  incidentRef: string;
  revision: number;
}

/**
 * Only http(s) links become links: a sender chooses the href, and a `javascript:` or `data:` one
 * would run in the responder's session. Anything else is shown as text.
 */
function isWebLink(href: string): boolean {
  try {
    return ["http:", "https:"].includes(new URL(href).protocol);
  } catch {
    return false;
  }
}

function ChangeLinks({ change }: { change: Change }) {
  if (change.links.length === 0) return <span className="muted">—</span>;
  return change.links.map((l, i) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: links have no id and may repeat
    <span key={i}>
      {i > 0 && " · "}
      {isWebLink(l.href) ? (
        <a href={l.href} target="_blank" rel="noopener noreferrer">
          {l.text ?? l.href}
        </a>
      ) : (
        <>
          {l.text ? `${l.text}: ` : ""}
          <code>{l.href}</code>
        </>
      )}
    </span>
  ));
}

/**
 * "Changes before this incident": the deploys and configuration changes that touched its assets
 * or services in the hours before its first activity (docs/integrations.md), newest first.
 */
export function ChangesPanel({ incidentRef, revision }: Props) {
  const { data, error } = useResource(
    (signal) => changesApi.beforeIncident(incidentRef, signal),
    [incidentRef],
    revision,
  );
  const anchor = data ? Date.parse(data.anchor) : 0;
  return (
    <section className="panel-stack" aria-labelledby="changes-title">
      <h3 id="changes-title">Changes before this incident</h3>
      {data && (
        <p className="muted">
          The {formatSpan(anchor - Date.parse(data.from))} before <DateTime at={data.anchor} /> (its
          first activity, or its declaration while that is unknown), touching{" "}
          {data.targets.length ? data.targets.join(", ") : "none of its names yet"}.
        </p>
      )}
      <ProblemMessage error={error} title="Changes" />
      <DataTable
        rows={data?.items}
        error={error}
        loading="Loading changes"
        rowKey={(c) => c.id}
        empty={
          <EmptyState title="No changes before this incident">
            <p>
              {data?.targets.length
                ? "No change event touched these assets or services in that window."
                : "Add the affected assets or services: changes are matched on their names."}
            </p>
          </EmptyState>
        }
        columns={[
          {
            header: "Before",
            cell: (c) => (
              <time dateTime={c.timestamp}>
                {formatSpan(anchor - Date.parse(c.timestamp))} before
              </time>
            ),
          },
          { header: "Change", rowHeader: true, cell: (c) => c.summary },
          { header: "Source", cell: (c) => c.source ?? "—" },
          { header: "Links", cell: (c) => <ChangeLinks change={c} /> },
        ]}
      />
    </section>
  );
}
