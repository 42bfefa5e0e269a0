import { ACTIVE_PHASES } from "../../../../src/domain/incident/phase";
import type { PlanBody } from "../../api/documents";
import type { Incident } from "../../api/incidents";
import { phaseLabel, severityRank } from "../../lib/labels";
import { Link } from "../../router";

interface Props {
  incidents: Incident[];
  plan: PlanBody | undefined;
}

/**
 * Open incidents by severity (rows, worst first) and phase (columns): where the work is. Each
 * non-empty cell links to the filtered list. A table, so it reads well without sight too.
 */
export function SeverityPhaseGrid({ incidents, plan }: Props) {
  const scale = [...(plan?.severity_scale ?? [])].reverse();
  const known = new Set(scale.map((s) => s.id));
  const others = [...new Set(incidents.map((i) => i.severity).filter((s) => !known.has(s)))];
  const rows = [
    ...scale.map((s) => ({ id: s.id, name: s.name })),
    ...others.map((id) => ({ id, name: id })),
  ];
  const count = (severity: string, phase?: string) =>
    incidents.filter((i) => i.severity === severity && (!phase || i.phase === phase)).length;
  const max = Math.max(1, ...rows.flatMap((r) => ACTIVE_PHASES.map((p) => count(r.id, p))));

  return (
    <div className="table-scroll">
      <table className="grid-table">
        <caption className="visually-hidden">Open incidents by severity and phase</caption>
        <thead>
          <tr>
            <th scope="col">Severity</th>
            {ACTIVE_PHASES.map((p) => (
              <th scope="col" key={p}>
                {phaseLabel(p)}
              </th>
            ))}
            <th scope="col">Total</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <th scope="row">
                <span className={`sev-dot sev-${severityRank(plan, r.id)}`} aria-hidden="true" />
                {r.name}
              </th>
              {ACTIVE_PHASES.map((p) => {
                const n = count(r.id, p);
                return (
                  <td key={p} className={n ? "cell filled" : "cell"}>
                    {n ? (
                      <Link
                        to={`/incidents?severity=${r.id}&phase=${p}`}
                        className={`cell-link sev-${severityRank(plan, r.id)}`}
                        style={{ "--fill": String(0.25 + (0.75 * n) / max) } as React.CSSProperties}
                        aria-label={`${n} ${r.name} in ${phaseLabel(p)}`}
                      >
                        {n}
                      </Link>
                    ) : (
                      <>
                        <span className="muted" aria-hidden="true">
                          ·
                        </span>
                        <span className="visually-hidden">none</span>
                      </>
                    )}
                  </td>
                );
              })}
              <td className="total">{count(r.id)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
