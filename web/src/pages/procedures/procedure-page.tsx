import { useEffect } from "react";
import { TASK_PHASES } from "../../../../src/domain/incident/phase";
import { documentsApi } from "../../api/documents";
import { Loading } from "../../components/loading";
import { Markdown } from "../../components/markdown";
import { PageHeader } from "../../components/page-header";
import { ProblemMessage } from "../../components/problem-message";
import { DateTime } from "../../components/relative-time";
import { useResource } from "../../hooks/use-resource";
import { phaseLabel, severityName, typeName } from "../../lib/labels";
import { useCurrentPlan } from "../../plan-context";
import { Link, useLocation } from "../../router";
import { ProcedureStep } from "./procedure-step";

/**
 * One procedure, steps by phase. `?version=N` shows an older version; `?step=containment.0` or
 * `#step-<id>` scrolls to a step and marks it (lint findings and obligations link here).
 */
export function ProcedurePage({ procedureId }: { procedureId: string }) {
  const plan = useCurrentPlan().data?.body;
  const { search, hash } = useLocation();
  const version = Number(search.get("version")) || undefined;
  const { data: doc, error } = useResource(
    (signal) => documentsApi.procedure(procedureId, version, signal),
    [procedureId, version],
  );
  const [phase, index] = (search.get("step") ?? "").split(".");
  const target =
    doc && phase && index !== undefined
      ? doc.body.steps[phase as keyof typeof doc.body.steps]?.[Number(index)]?.id
      : hash.startsWith("step-")
        ? hash.slice(5)
        : undefined;

  useEffect(() => {
    if (!doc || !target) return;
    const el = document.getElementById(`step-${target}`);
    el?.scrollIntoView({ block: "start" });
    el?.focus({ preventScroll: true });
  }, [doc, target]);

  if (!doc)
    return (
      <>
        <PageHeader title="Procedure" />
        {error ? (
          <ProblemMessage error={error} title="Could not load the procedure" />
        ) : (
          <Loading />
        )}
      </>
    );
  const body = doc.body;
  const phases = TASK_PHASES.filter((p) => (body.steps[p] ?? []).length > 0);

  return (
    <>
      <PageHeader
        title={body.title}
        actions={
          <Link to={`/documents/procedure/${doc.id}`} className="button">
            Versions
          </Link>
        }
      >
        <p className="muted">
          Version {body.version} (v{doc.version}, <DateTime at={doc.created_at} />) · for{" "}
          {body.applies_to.incident_types.map((t) => typeName(plan, t)).join(", ")} ·{" "}
          {body.applies_to.severities.length
            ? body.applies_to.severities.map((s) => severityName(plan, s)).join(", ")
            : "every severity"}
        </p>
        {version && (
          <p className="notice">
            This is an older version.{" "}
            <Link to={`/procedures/${doc.id}`}>See the one in force.</Link>
          </p>
        )}
      </PageHeader>
      <div className="document-layout">
        <nav className="toc" aria-label="Phases">
          <ol>
            {phases.map((p) => (
              <li key={p}>
                <a href={`#phase-${p}`}>
                  {phaseLabel(p)} ({body.steps[p].length})
                </a>
              </li>
            ))}
          </ol>
        </nav>
        <div className="document">
          {body.summary && <Markdown source={body.summary} />}
          {phases.map((p) => (
            <section key={p} id={`phase-${p}`}>
              <h2>{phaseLabel(p)}</h2>
              <ol className="steps">
                {body.steps[p].map((s) => (
                  <ProcedureStep key={s.id} step={s} plan={plan} highlighted={s.id === target} />
                ))}
              </ol>
            </section>
          ))}
        </div>
      </div>
    </>
  );
}
