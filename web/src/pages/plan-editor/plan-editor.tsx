import { useEffect, useState } from "react";
import { ApiError } from "../../api/client";
import { documentsApi, type VersionSummary } from "../../api/documents";
import { usersApi } from "../../api/users";
import { announce } from "../../components/live-region";
import { Loading } from "../../components/loading";
import { PageHeader } from "../../components/page-header";
import { ProblemMessage } from "../../components/problem-message";
import { useDraft } from "../../hooks/use-draft";
import { useResource } from "../../hooks/use-resource";
import { useSubmit } from "../../hooks/use-submit";
import { applyEdits, type PlanEdit } from "../../lib/plan-edit";
import { readPlan } from "../../lib/plan-yaml";
import { useCurrentPlan } from "../../plan-context";
import { Link, useLocation } from "../../router";
import { AdminOnly } from "../admin/admin-only";
import { ChannelsSection } from "./channels-section";
import { ProblemList } from "./editor-section";
import { EscalationSection } from "./escalation-section";
import { ObligationsSection } from "./obligations-section";
import { OnCallSection } from "./on-call-section";
import { OrganisationSection } from "./organisation-section";
import { RolesSection } from "./roles-section";
import { SECTIONS, type SectionId, type SectionProblem, sectionOf } from "./section-of";
import { type PendingLink, TeamSection } from "./team-section";

/** The editor's work in progress, kept in this tab until it is stored as a draft version. */
interface EditorDraft {
  plan_id: string;
  /** The stored version the edits started from. */
  base: number;
  yaml: string;
  /** User accounts to link to the people made for them, once the version is stored. */
  links: PendingLink[];
}

/**
 * `/plan/edit`: the plan's main sections as forms over its newest version's YAML. Every change
 * edits that YAML (web/src/lib/plan-edit.ts, comments and order kept) and stays in this tab
 * until "Save draft" uploads it as a new draft version, which the approvers then approve on the
 * document's page. What the server refuses is shown in the section it is about.
 */
export function PlanEditor() {
  return (
    <AdminOnly title="Edit the plan">
      <Editor />
    </AdminOnly>
  );
}

function Editor() {
  const current = useCurrentPlan();
  const planId = current.data?.id;
  const newest = useResource(
    async (signal) => {
      if (!planId) return undefined;
      const [top] = await documentsApi.versions("plan", planId, signal);
      return top ? documentsApi.planVersion(planId, top.version, signal) : undefined;
    },
    [planId],
  );
  const [draft, setDraft, clearDraft] = useDraft<EditorDraft | null>("plan-editor", null);
  const [problems, setProblems] = useState<SectionProblem[]>([]);
  const [saved, setSaved] = useState<{ stored?: VersionSummary; unlinked: string[] }>();

  const base = newest.data;
  const working: EditorDraft | undefined =
    draft && draft.plan_id === planId
      ? draft
      : base && { plan_id: base.id, base: base.version, yaml: base.source, links: [] };

  // A link to a section (`/plan/edit#team`, from the Get started checklist) lands on it once the
  // sections exist: the browser's own jump happened before the plan had loaded.
  const { hash } = useLocation();
  const ready = working !== undefined;
  useEffect(() => {
    if (ready && hash) document.getElementById(hash)?.scrollIntoView();
  }, [ready, hash]);

  const {
    submit: save,
    busy,
    error,
  } = useSubmit(async () => {
    if (!working) return;
    setProblems([]);
    try {
      const result = await documentsApi.upload(working.yaml);
      const stored = result.stored.find((d) => d.kind === "plan");
      const unlinked: string[] = [];
      for (const link of working.links)
        await usersApi
          .update(link.user_id, { person_id: link.person_id })
          .catch(() => unlinked.push(link.person_id));
      clearDraft();
      setSaved({ stored, unlinked });
      announce(stored ? `Stored plan draft v${stored.version}` : "Nothing changed");
      await Promise.all([newest.reload(), current.reload()]);
    } catch (e) {
      if (e instanceof ApiError) setProblems(e.problem.errors ?? []);
      throw e;
    }
  });

  if (!working)
    return (
      <>
        <PageHeader title="Edit the plan" />
        {current.error || newest.error ? (
          <ProblemMessage error={current.error ?? newest.error} title="Could not load the plan" />
        ) : (
          <Loading what="Loading the plan" />
        )}
      </>
    );

  const plan = readPlan(working.yaml);
  /** Applies edits (and what else the draft keeps about them); answers why not, if it cannot. */
  const update = (
    edits: PlanEdit | PlanEdit[],
    also: Partial<Pick<EditorDraft, "links">> = {},
  ): string | undefined => {
    try {
      const yaml = applyEdits(working.yaml, Array.isArray(edits) ? edits : [edits]);
      setDraft({ ...working, ...also, yaml });
      setSaved(undefined);
      return undefined;
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
  };
  const apply = (edits: PlanEdit | PlanEdit[]) => update(edits);
  const about = (id: SectionId) => problems.filter((p) => sectionOf(p) === id);
  const elsewhere = problems.filter((p) => sectionOf(p) === undefined);
  const props = (id: SectionId) => ({ plan, apply, problems: about(id) });
  const changed = draft !== null && draft.plan_id === planId;
  const stale = changed && base !== undefined && working.base !== base.version;

  return (
    <>
      <PageHeader
        title="Edit the plan"
        actions={
          <>
            <button
              type="button"
              className="button primary"
              onClick={() => void save()}
              disabled={busy || !changed}
            >
              {busy ? "Saving…" : "Save draft"}
            </button>
            <button
              type="button"
              className="button"
              onClick={clearDraft}
              disabled={busy || !changed}
            >
              Discard changes
            </button>
          </>
        }
      >
        <p className="muted">
          Changes to v{working.base} of {plan.title ?? "the plan"} stay in this tab until you save
          them as a draft version; the plan in force changes only when its approvers approve the
          draft. {changed ? "You have unsaved changes." : "No changes yet."}
        </p>
      </PageHeader>
      {stale && (
        <p className="notice">
          A newer version (v{base?.version}) was stored after you started these changes. Saving
          stores your draft as it is; discard it to start again from the newest.
        </p>
      )}
      {saved && (
        <div className="notice" role="status">
          {saved.stored ? (
            <p>
              Stored as draft v{saved.stored.version}.{" "}
              <Link to={`/documents/plan/${saved.stored.id}`}>Review and approve</Link>
            </p>
          ) : (
            <p>Nothing new: the draft was the same as the version in force.</p>
          )}
          {saved.unlinked.length > 0 && (
            <p className="warning-text">
              Could not link the user accounts of {saved.unlinked.join(", ")}; link them on the
              users page.
            </p>
          )}
        </div>
      )}
      {error !== undefined && (
        <ProblemMessage error={error} title="The draft was not stored" details={false}>
          {elsewhere.length > 0 && <ProblemList problems={elsewhere} />}
          {problems.length > elsewhere.length && <p>The sections below show the rest.</p>}
        </ProblemMessage>
      )}
      <nav aria-label="Sections">
        <ul className="chips">
          {SECTIONS.map(([id, label]) => (
            <li key={id} className="chip">
              <a href={`#${id}`}>{label}</a>
              {about(id).length > 0 && <span className="error-text"> ({about(id).length})</span>}
            </li>
          ))}
        </ul>
      </nav>
      <OrganisationSection key={`org:${plan.organisation?.name}`} {...props("organisation")} />
      <TeamSection
        {...props("team")}
        addPeople={(edits, link) =>
          update(edits, { links: link ? [...working.links, link] : working.links })
        }
      />
      <RolesSection {...props("roles")} />
      <OnCallSection {...props("on-call")} />
      <ChannelsSection {...props("channels")} />
      <EscalationSection {...props("escalation")} />
      <ObligationsSection
        {...props("obligations")}
        available={current.data?.body.compliance ?? []}
      />
    </>
  );
}
