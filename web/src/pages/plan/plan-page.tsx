import { Loading } from "../../components/loading";
import { Markdown } from "../../components/markdown";
import { PageHeader } from "../../components/page-header";
import { ProblemMessage } from "../../components/problem-message";
import { DateTime } from "../../components/relative-time";
import { personName } from "../../lib/labels";
import { formatDuration } from "../../lib/time";
import { useCurrentPlan } from "../../plan-context";
import { Link } from "../../router";
import {
  Communication,
  Escalation,
  IncidentTypes,
  Obligations,
  Roles,
  SeverityScale,
  Team,
} from "./plan-sections";

const CONTENTS = [
  ["purpose", "Mission and goals"],
  ["severity", "Severity scale"],
  ["roles", "Roles"],
  ["team", "Team"],
  ["communication", "Communication"],
  ["escalation", "Escalation"],
  ["obligations", "Obligations"],
  ["types", "Incident types"],
] as const;

/** The plan in force, as a readable document with a table of contents. */
export function PlanPage() {
  const { data: doc, error } = useCurrentPlan();
  if (!doc)
    return (
      <>
        <PageHeader title="Plan" />
        {error ? (
          <ProblemMessage error={error} title="Could not load the plan" />
        ) : (
          <Loading what="Loading the plan" />
        )}
      </>
    );
  const plan = doc.body;
  return (
    <>
      <PageHeader
        title={plan.title}
        actions={
          <Link to={`/documents/plan/${doc.id}`} className="button">
            Versions
          </Link>
        }
      >
        <p className="muted">
          Version {plan.version} (stored as v{doc.version}, <DateTime at={doc.created_at} />) ·
          owner {personName(plan, plan.owner)}
          {plan.approval &&
            ` · approved by ${plan.approval.by.map((p) => personName(plan, p)).join(", ")} on ${plan.approval.at}`}{" "}
          · reviewed every {formatDuration(plan.review.cycle)}, last {plan.review.last_review}
        </p>
      </PageHeader>
      <div className="document-layout">
        <nav className="toc" aria-label="Plan contents">
          <ol>
            {CONTENTS.map(([id, label]) => (
              <li key={id}>
                <a href={`#${id}`}>{label}</a>
              </li>
            ))}
          </ol>
        </nav>
        <div className="document">
          <section id="purpose">
            <h2>Mission and goals</h2>
            <Markdown source={plan.mission} />
            <h3>Goals</h3>
            <ul>
              {plan.goals.map((g) => (
                <li key={g}>{g}</li>
              ))}
            </ul>
            <h3>Guiding principles</h3>
            <ul>
              {plan.principles.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
            <h3>Scope</h3>
            <Markdown source={plan.scope} />
            <h3>Risk tolerance</h3>
            <Markdown source={plan.risk_tolerance} />
          </section>
          <section id="severity">
            <h2>Severity scale</h2>
            <SeverityScale plan={plan} />
          </section>
          <section id="roles">
            <h2>Roles</h2>
            <Roles plan={plan} />
          </section>
          <section id="team">
            <h2>Team</h2>
            <Team plan={plan} />
          </section>
          <section id="communication">
            <h2>Communication</h2>
            <Communication plan={plan} />
          </section>
          <section id="escalation">
            <h2>Escalation</h2>
            <Escalation plan={plan} />
          </section>
          <section id="obligations">
            <h2>Compliance obligations</h2>
            <Obligations plan={plan} />
          </section>
          <section id="types">
            <h2>Incident types</h2>
            <IncidentTypes plan={plan} />
          </section>
        </div>
      </div>
    </>
  );
}
