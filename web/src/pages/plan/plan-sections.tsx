import type { DeadlineSpan, Obligation, PlanBody } from "../../api/types";
import { personName, roleTitle, severityName, severityRank } from "../../lib/labels";
import { formatDuration } from "../../lib/time";
import { Link } from "../../router";

type Section = { plan: PlanBody };

/** `role:commander`, `person:amara-okafor`, `channel:ir-war-room` as names. */
function recipient(plan: PlanBody, r: string): string {
  const [kind, id = ""] = r.split(":");
  if (kind === "role") return `${roleTitle(plan, id)} (on call)`;
  if (kind === "person") return personName(plan, id);
  if (kind === "channel") return `#${id}`;
  return r;
}

export function SeverityScale({ plan }: Section) {
  return (
    <div className="table-scroll">
      <table className="responsive">
        <caption className="visually-hidden">Severity scale, lowest first</caption>
        <thead>
          <tr>
            <th scope="col">Severity</th>
            <th scope="col">Definition</th>
            <th scope="col">Acknowledge within</th>
            <th scope="col">Contain within</th>
            <th scope="col">Recover within</th>
            <th scope="col">Sigma levels</th>
          </tr>
        </thead>
        <tbody>
          {plan.severity_scale.map((s) => (
            <tr key={s.id}>
              <th scope="row" data-label="Severity">
                <span className={`badge sev sev-${severityRank(plan, s.id)}`}>{s.name}</span>
              </th>
              <td data-label="Definition">{s.definition}</td>
              <td data-label="Acknowledge within">{formatDuration(s.targets.acknowledge)}</td>
              <td data-label="Contain within">{formatDuration(s.targets.contain)}</td>
              <td data-label="Recover within">{formatDuration(s.targets.recover)}</td>
              <td data-label="Sigma levels">{s.rule_levels.join(", ") || "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function Roles({ plan }: Section) {
  return (
    <div className="cards">
      {plan.roles.map((r) => {
        const people = plan.team.filter((p) => p.roles.includes(r.id));
        return (
          <article key={r.id} className="card" id={`role-${r.id}`}>
            <h3>{r.title}</h3>
            <ul>
              {r.responsibilities.map((x) => (
                <li key={x}>{x}</li>
              ))}
            </ul>
            {r.authority.length > 0 && (
              <p>
                <strong>May:</strong> {r.authority.map((a) => a.replaceAll("_", " ")).join(", ")}
              </p>
            )}
            <p className="muted">
              {people.length
                ? `Held by ${people.map((p) => p.name).join(", ")}`
                : "Nobody holds this role"}
            </p>
          </article>
        );
      })}
    </div>
  );
}

export function Team({ plan }: Section) {
  return (
    <div className="table-scroll">
      <table className="responsive">
        <thead>
          <tr>
            <th scope="col">Person</th>
            <th scope="col">Roles</th>
            <th scope="col">Contacts</th>
          </tr>
        </thead>
        <tbody>
          {plan.team.map((p) => (
            <tr key={p.id}>
              <th scope="row" data-label="Person">
                {p.name}
              </th>
              <td data-label="Roles">{p.roles.map((r) => roleTitle(plan, r)).join(", ") || "—"}</td>
              <td data-label="Contacts">
                {p.contacts.map((c) => (
                  <div key={`${c.channel}-${c.address}`}>
                    <span className="muted">{c.channel}:</span> {c.address}
                  </div>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {plan.on_call.length > 0 && (
        <>
          <h3>On call</h3>
          <ul>
            {plan.on_call.map((r) => (
              <li key={r.role}>
                <strong>{roleTitle(plan, r.role)}</strong>: weekly rotation of{" "}
                {r.people.map((id) => personName(plan, id)).join(", ")}, handing over{" "}
                {r.handoff.day}s at {r.handoff.time} ({r.time_zone})
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

export function Communication({ plan }: Section) {
  return (
    <div className="cards">
      {plan.communication.audiences.map((a) => (
        <article key={a.id} className="card">
          <h3>{a.name}</h3>
          <p className="muted">
            {a.kind === "technical" ? "Technical" : "Non-technical"} audience · via{" "}
            {a.channels.map((c) => `#${c}`).join(", ")}
            {a.condition ? (
              <>
                {" "}
                · only when <span className="mono">{a.condition}</span>
              </>
            ) : null}
          </p>
          <dl className="pairs">
            {plan.severity_scale
              .filter((s) => a.cadence[s.id])
              .map((s) => (
                <div key={s.id}>
                  <dt>{s.name}</dt>
                  <dd>update every {formatDuration(a.cadence[s.id] ?? "")}</dd>
                </div>
              ))}
          </dl>
        </article>
      ))}
    </div>
  );
}

export function Escalation({ plan }: Section) {
  return (
    <div className="cards">
      {plan.escalation.map((path) => (
        <article key={path.severity} className="card">
          <h3>{severityName(plan, path.severity)}</h3>
          <ol className="escalation-steps">
            {path.steps.map((step, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: steps are ordered and unnamed
              <li key={i}>
                {i === 0 ? "At once" : `If unacknowledged ${formatDuration(step.after)} later`}
                {i === 0 && step.after !== "PT0S" ? ` (after ${formatDuration(step.after)})` : ""}:
                notify {step.notify.map((r) => recipient(plan, r)).join(", ")}
              </li>
            ))}
          </ol>
          {path.repeat > 0 && (
            <p className="muted">Repeated {path.repeat} more time(s) if nobody answers.</p>
          )}
        </article>
      ))}
    </div>
  );
}

/** "within 4 hours of classification", "within 1 month of Incident notification". */
function spanText(o: Obligation, d: DeadlineSpan): string {
  const span = d.within
    ? `within ${formatDuration(d.within)}`
    : `within ${d.business_days} business days${d.calendar ? ` (${d.calendar})` : ""}`;
  const of = d.from
    ? (o.deadlines.find((x) => x.id === d.from)?.name ?? d.from)
    : (d.start ?? o.clock_start);
  return `${span} of ${of}`;
}

export function Obligations({ plan }: Section) {
  if (plan.compliance.length === 0)
    return <p className="muted">The plan lists no regulatory obligations.</p>;
  return (
    <div className="cards">
      {plan.compliance.map((o) => (
        <article key={o.id} className="card" id={`obligation-${o.id}`}>
          <h3>{o.regulation}</h3>
          {o.description && <p>{o.description}</p>}
          <dl className="pairs">
            <div>
              <dt>Applies when</dt>
              <dd className="mono">{o.trigger}</dd>
            </div>
            <div>
              <dt>Clock starts at</dt>
              <dd>{o.clock_start}</dd>
            </div>
            <div>
              <dt>Notify</dt>
              <dd>{o.recipient}</dd>
            </div>
            {o.deadlines.map((d) => (
              <div key={d.id}>
                <dt>{d.name}</dt>
                <dd>
                  {d.earliest_of
                    ? `${d.earliest_of.map((alt) => spanText(o, alt)).join(", or ")}, whichever comes first`
                    : spanText(o, d)}
                </dd>
              </div>
            ))}
            <div>
              <dt>Fulfilled by</dt>
              <dd>
                {(Array.isArray(o.fulfilled_by) ? o.fulfilled_by : [o.fulfilled_by]).map((f) => (
                  <div key={`${f.procedure ?? "*"}/${f.step}`}>
                    {f.procedure ? (
                      <Link to={`/procedures/${f.procedure}#step-${f.step}`}>
                        {f.procedure} → {f.step}
                      </Link>
                    ) : (
                      `step ${f.step} of whichever procedure the incident runs`
                    )}
                  </div>
                ))}
              </dd>
            </div>
          </dl>
        </article>
      ))}
    </div>
  );
}

export function IncidentTypes({ plan }: Section) {
  return (
    <div className="table-scroll">
      <table className="responsive">
        <thead>
          <tr>
            <th scope="col">Type</th>
            <th scope="col">Description</th>
            <th scope="col">Default severity</th>
            <th scope="col">Procedure</th>
          </tr>
        </thead>
        <tbody>
          {plan.incident_types.map((t) => (
            <tr key={t.id}>
              <th scope="row" data-label="Type">
                {t.name}
              </th>
              <td data-label="Description">{t.description ?? ""}</td>
              <td data-label="Default severity">{severityName(plan, t.default_severity)}</td>
              <td data-label="Procedure">
                <Link to={`/procedures/${t.procedure}`}>{t.procedure}</Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
