import { attackTactic } from "../../../../src/domain/attack/catalogue";
import { attackApi } from "../../api/attack";
import { ProblemMessage } from "../../components/problem-message";
import { useResource } from "../../hooks/use-resource";

/** How many techniques the section lists; the rest are counted under their tactics. */
const TOP = 15;

/**
 * "ATT&CK techniques seen": over the same incidents as the metrics above, how many incidents saw
 * each tactic and the techniques seen most often (`GET /metrics/techniques`).
 */
export function TechniquesSection({ from, to }: { from?: string; to?: string }) {
  const { data, error } = useResource(
    (signal) => attackApi.metrics({ from, to }, signal),
    [from, to],
  );
  return (
    <section className="panel" aria-labelledby="mx-attack">
      <h2 id="mx-attack">ATT&amp;CK techniques seen</h2>
      <ProblemMessage error={error} title="Could not count the techniques" />
      {data && data.techniques.length === 0 && (
        <p className="muted">No incident of the period has an ATT&amp;CK technique.</p>
      )}
      {data && data.techniques.length > 0 && (
        <>
          <p className="muted">
            {data.with_techniques} of {data.incidents} incidents have techniques, from their alerts'
            Sigma tags or added by hand.
          </p>
          <div className="table-scroll">
            <table>
              <caption>By tactic</caption>
              <thead>
                <tr>
                  <th scope="col">Tactic</th>
                  <th scope="col">Incidents</th>
                  <th scope="col">Techniques</th>
                </tr>
              </thead>
              <tbody>
                {data.by_tactic.map((t) => (
                  <tr key={t.tactic}>
                    <th scope="row">{t.name}</th>
                    <td>{t.incidents}</td>
                    <td>{t.techniques}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="table-scroll">
            <table>
              <caption>Most seen techniques</caption>
              <thead>
                <tr>
                  <th scope="col">Technique</th>
                  <th scope="col">Tactics</th>
                  <th scope="col">Incidents</th>
                </tr>
              </thead>
              <tbody>
                {data.techniques.slice(0, TOP).map((t) => (
                  <tr key={t.id}>
                    <th scope="row">
                      <span className="mono">{t.id}</span> {t.name}
                    </th>
                    <td>{t.tactics.map((s) => attackTactic(s)?.name ?? s).join(", ")}</td>
                    <td>{t.incidents}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
