import type { OnboardingStepId } from "../../api/onboarding";
import { Loading } from "../../components/loading";
import { PageHeader } from "../../components/page-header";
import { ProblemMessage } from "../../components/problem-message";
import { RelativeTime } from "../../components/relative-time";
import { useSubmit } from "../../hooks/use-submit";
import { Link } from "../../router";
import { useOnboarding } from "./use-onboarding";

/** Why each step matters, one line: the reason to do it now rather than during an incident. */
const WHY: Record<OnboardingStepId, string> = {
  organisation:
    "Reports, messages and pages carry your organisation's name, and its time zone is everyone's default.",
  people:
    "The built-in team is invented: until your people are in the plan, pages go to example addresses.",
  roles:
    "Escalation pages whoever holds or is on call for a role; a role nobody holds pages nobody.",
  channels:
    "A channel that cannot deliver fails silently during an incident; send a test through each.",
  approved:
    "Only the plan in force is used: your draft changes nothing until an admin approves it.",
  invite: "Responders sign in to work incidents; each gets a one-time link to choose a password.",
};

/** Second places a step is done, besides its own page. */
const ALSO: Partial<Record<OnboardingStepId, { href: string; label: string }>> = {
  roles: { href: "/plan/edit#on-call", label: "On-call rotations" },
};

/**
 * The first-run checklist: the steps from the built-in example to the organisation's own plan,
 * each ticked from what is stored (done wherever it was done), each linking to where it is done.
 */
export function GetStartedPage() {
  const { admin, data, error, dismiss, resume } = useOnboarding();
  const toggle = useSubmit(async () => {
    await (data?.dismissed_at ? resume() : dismiss());
  });

  if (!admin)
    return (
      <>
        <PageHeader title="Get started" />
        <p>An admin sets Firebreak up for your organisation; ask one of them.</p>
      </>
    );
  if (!data)
    return (
      <>
        <PageHeader title="Get started" />
        {error ? (
          <ProblemMessage error={error} title="Could not load the checklist" />
        ) : (
          <Loading what="Loading the checklist" />
        )}
      </>
    );

  return (
    <>
      <PageHeader
        title="Get started"
        actions={
          <button type="button" className="button" disabled={toggle.busy} onClick={toggle.submit}>
            {data.dismissed_at ? "Show on the dashboard again" : "Dismiss the checklist"}
          </button>
        }
      >
        <p className="muted">
          From the built-in example to your own organisation's plan:{" "}
          <strong>
            {data.done} of {data.steps.length} done
          </strong>
          {data.complete ? ", everything needed is in place." : "."}
        </p>
      </PageHeader>
      <ProblemMessage error={toggle.error} title="Could not change the checklist" />
      {data.dismissed_at && (
        <p className="muted">
          Dismissed <RelativeTime at={data.dismissed_at} /> by {data.dismissed_by}: the dashboard no
          longer shows it; the account menu still leads here.
        </p>
      )}
      <ol className="checklist">
        {data.steps.map((s) => (
          <li key={s.id} className={s.done ? "checklist-step done" : "checklist-step"}>
            <span className="checklist-mark" aria-hidden="true">
              {s.done ? "✓" : ""}
            </span>
            <div>
              <h2 className="checklist-title">
                <Link to={s.href}>{s.title}</Link>{" "}
                <span className="visually-hidden">{s.done ? "(done)" : "(not done)"}</span>
                {s.optional && <span className="muted small"> optional</span>}
              </h2>
              <p className="checklist-detail">{s.detail}</p>
              <p className="muted small">{WHY[s.id]}</p>
              {ALSO[s.id] && (
                <p className="small">
                  <Link to={ALSO[s.id]?.href ?? s.href}>{ALSO[s.id]?.label}</Link>
                </p>
              )}
            </div>
          </li>
        ))}
      </ol>
    </>
  );
}
