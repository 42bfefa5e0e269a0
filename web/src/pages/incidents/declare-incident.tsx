import { type FormEvent, useState } from "react";
import type { DeclareInput } from "../../api/incidents";
import { incidentsApi } from "../../api/incidents";
import { CheckboxField, SelectField, TextAreaField, TextField } from "../../components/fields";
import { announce } from "../../components/live-region";
import { Loading } from "../../components/loading";
import { PageHeader } from "../../components/page-header";
import { ProblemMessage } from "../../components/problem-message";
import { useDraft } from "../../hooks/use-draft";
import { severityName, severityRank, typeChoices } from "../../lib/labels";
import { commanderChoices, commanderRequired } from "../../lib/plan-rules";
import { displayTimeZone, formatDuration, localInputToIso } from "../../lib/time";
import { useCurrentPlan } from "../../plan-context";
import { navigate } from "../../router";
import { useSession } from "../../session-context";
import { type AttributeDraft, AttributeFields, attributeValues } from "./attribute-fields";

interface Draft {
  title: string;
  type: string;
  severity: string;
  /** The person chose a severity; a type change no longer replaces it with the default. */
  severityChosen: boolean;
  description: string;
  commander: string;
  attributes: AttributeDraft;
  firstActivity: string;
  awareAt: string;
  exercise: boolean;
}

const EMPTY: Draft = {
  title: "",
  type: "",
  severity: "",
  severityChosen: false,
  description: "",
  commander: "",
  attributes: {},
  firstActivity: "",
  awareAt: "",
  exercise: false,
};

/**
 * Declaring an incident: type and severity from the plan, what is known so far. The form is a
 * draft kept in this tab until the server has accepted it.
 */
export function DeclareIncident() {
  const plan = useCurrentPlan();
  const self = useSession().session?.user?.person_id;
  const [draft, setDraft, clearDraft] = useDraft<Draft>("declare", EMPTY);
  const [error, setError] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  const body = plan.data?.body;

  if (!body)
    return (
      <>
        <PageHeader title="Declare an incident" />
        {plan.error ? (
          <ProblemMessage error={plan.error} title="Could not load the plan" />
        ) : (
          <Loading what="Loading the plan" />
        )}
      </>
    );

  const set = (change: Partial<Draft>) => setDraft({ ...draft, ...change });
  const type = body.incident_types.find((t) => t.id === draft.type);
  const severity = draft.severity || type?.default_severity || "";
  const mustCommand = commanderRequired(body, severity);

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (saving) return;
    setSaving(true);
    setError(undefined);
    const input: DeclareInput = {
      title: draft.title.trim(),
      type: draft.type,
      severity: severity || undefined,
      description: draft.description.trim() || undefined,
      commander: draft.commander || undefined,
      attributes: attributeValues(body.attributes, draft.attributes),
      first_activity_at: localInputToIso(draft.firstActivity),
      aware_at: localInputToIso(draft.awareAt),
      exercise: draft.exercise || undefined,
    };
    try {
      const incident = await incidentsApi.declare(input);
      clearDraft();
      announce(`Declared ${incident.human_id}`);
      navigate(`/incidents/${incident.human_id}`);
    } catch (err) {
      setError(err);
      setSaving(false);
    }
  };

  return (
    <>
      <PageHeader title="Declare an incident" />
      <form
        className="form declare-form"
        onSubmit={submit}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) void submit();
        }}
      >
        <TextField
          id="d-title"
          label="Title"
          required
          maxLength={300}
          value={draft.title}
          placeholder="What is happening, in a few words"
          onChange={(title) => set({ title })}
        />

        <SelectField
          id="d-type"
          label="Type"
          required
          value={draft.type}
          onChange={(id) => {
            const next = body.incident_types.find((t) => t.id === id);
            set({
              type: id,
              severity: draft.severityChosen ? draft.severity : (next?.default_severity ?? ""),
            });
          }}
          none="Choose a type…"
          choices={typeChoices(body)}
          hint={
            type
              ? `${type.description ?? ""} Procedure: ${type.procedure}.`
              : "The type picks the procedure that becomes the checklist."
          }
        />

        <fieldset className="severity-choice">
          <legend>Severity</legend>
          {body.severity_scale.map((s) => (
            <label key={s.id} className={`severity-option sev-border-${severityRank(body, s.id)}`}>
              <input
                type="radio"
                name="severity"
                value={s.id}
                checked={severity === s.id}
                onChange={() => set({ severity: s.id, severityChosen: true })}
              />
              <span className="severity-name">
                {s.name}
                {type?.default_severity === s.id && (
                  <span className="muted"> (type's default)</span>
                )}
              </span>
              <span className="severity-definition">{s.definition}</span>
              <span className="severity-targets muted">
                Acknowledge {formatDuration(s.targets.acknowledge)} · contain{" "}
                {formatDuration(s.targets.contain)} · recover {formatDuration(s.targets.recover)}
              </span>
            </label>
          ))}
        </fieldset>

        <TextAreaField
          id="d-description"
          label="Description"
          rows={4}
          value={draft.description}
          placeholder="What was seen, where, by whom"
          onChange={(description) => set({ description })}
        />

        <div className="field">
          <label htmlFor="d-commander">Commander</label>
          <select
            id="d-commander"
            value={draft.commander}
            aria-describedby="d-commander-hint"
            onChange={(e) => set({ commander: e.target.value })}
          >
            <option value="">Decide later</option>
            {commanderChoices(body, self).map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
          <p id="d-commander-hint" className={mustCommand && !draft.commander ? "notice" : "hint"}>
            {mustCommand
              ? `The plan requires a named commander at ${severityName(body, body.command?.required_from ?? severity)} and above: without one this incident cannot leave Detection.`
              : "One commander decides and delegates; hand over later from the People tab."}
          </p>
        </div>

        <AttributeFields
          plan={body}
          value={draft.attributes}
          onChange={(attributes) => set({ attributes })}
          hint="What is known so far. They decide which procedure steps and regulatory obligations apply; change them later from the incident room (Attributes)."
        />

        <div className="field-row">
          <TextField
            id="d-first"
            label="First malicious activity (if known)"
            type="datetime-local"
            value={draft.firstActivity}
            onChange={(firstActivity) => set({ firstActivity })}
            hint={`Times here are in your zone, ${displayTimeZone()} (change it under your account).`}
          />
          <TextField
            id="d-aware"
            label="We became aware at (default: now)"
            type="datetime-local"
            value={draft.awareAt}
            onChange={(awareAt) => set({ awareAt })}
            hint="Regulatory clocks such as GDPR's 72 hours start here."
          />
        </div>

        <CheckboxField
          id="d-exercise"
          label="This is an exercise (a drill, not a real incident)"
          checked={draft.exercise}
          onChange={(exercise) => set({ exercise })}
        />

        <ProblemMessage error={error} title="The incident was not declared" />
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={saving}>
            {saving ? "Declaring…" : "Declare incident"}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => {
              clearDraft();
              navigate("/incidents");
            }}
          >
            Discard
          </button>
        </div>
      </form>
    </>
  );
}
