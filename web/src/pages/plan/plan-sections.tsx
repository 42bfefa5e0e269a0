import type { DeadlineSpan, Obligation, PlanBody } from "../../api/documents";
import { DataTable } from "../../components/data-table";
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
    <DataTable
      scroll
      caption="Severity scale, lowest first"
      rows={plan.severity_scale}
      rowKey={(s) => s.id}
      columns={[
        {
          header: "Severity",
          rowHeader: true,
          cell: (s) => (
            <span className={`badge sev sev-${severityRank(plan, s.id)}`}>{s.name}</span>
          ),
        },
        { header: "Definition", cell: (s) => s.definition },
        { header: "Acknowledge within", cell: (s) => formatDuration(s.targets.acknowledge) },
        { header: "Contain within", cell: (s) => formatDuration(s.targets.contain) },
        { header: "Recover within", cell: (s) => formatDuration(s.targets.recover) },
        { header: "Sigma levels", cell: (s) => s.rule_levels.join(", ") || "—" },
      ]}
    />
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
      <DataTable
        rows={plan.team}
        rowKey={(p) => p.id}
        columns={[
          { header: "Person", rowHeader: true, cell: (p) => p.name },
          {
            header: "Roles",
            cell: (p) => p.roles.map((r) => roleTitle(plan, r)).join(", ") || "—",
          },
          {
            header: "Contacts",
            cell: (p) =>
              p.contacts.map((c) => (
                <div key={`${c.channel}-${c.address}`}>
                  <span className="muted">{c.channel}:</span> {c.address}
                </div>
              )),
          },
        ]}
      />
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
    <DataTable
      scroll
      rows={plan.incident_types}
      rowKey={(t) => t.id}
      columns={[
        { header: "Type", rowHeader: true, cell: (t) => t.name },
        { header: "Description", cell: (t) => t.description ?? "" },
        { header: "Default severity", cell: (t) => severityName(plan, t.default_severity) },
        {
          header: "Procedure",
          cell: (t) => <Link to={`/procedures/${t.procedure}`}>{t.procedure}</Link>,
        },
      ]}
    />
  );
}
