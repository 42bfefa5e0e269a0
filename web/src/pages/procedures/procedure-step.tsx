import type { PlanBody, ProcedureStep as Step } from "../../api/documents";
import { Markdown } from "../../components/markdown";
import { roleTitle } from "../../lib/labels";
import { formatDuration } from "../../lib/time";

interface Props {
  step: Step;
  plan: PlanBody | undefined;
  highlighted: boolean;
}

/** One procedure step, as the responder who owns it will read it. */
export function ProcedureStep({ step, plan, highlighted }: Props) {
  return (
    <li id={`step-${step.id}`} className={`step${highlighted ? " highlighted" : ""}`} tabIndex={-1}>
      <h4>
        {step.title}
        {step.required && <span className="badge required">Required</span>}
        {step.reporting && <span className="badge reporting">Reporting</span>}
      </h4>
      <dl className="step-facts">
        <div>
          <dt>Who</dt>
          <dd>{roleTitle(plan, step.role)}</dd>
        </div>
        {step.target && (
          <div>
            <dt>Due</dt>
            <dd>{formatDuration(step.target)} after declaration</dd>
          </div>
        )}
        {step.condition && (
          <div>
            <dt>Only when</dt>
            <dd className="mono">{step.condition}</dd>
          </div>
        )}
        <div>
          <dt>Step id</dt>
          <dd className="mono">{step.id}</dd>
        </div>
      </dl>
      <Markdown source={step.instructions} className="instructions" />
      {step.evidence.length > 0 && (
        <div className="evidence-expected">
          <h5>Evidence</h5>
          <ul>
            {step.evidence.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </div>
      )}
    </li>
  );
}
