import { visibleTo } from "../auth/incident-visibility.js";
import type { StoredDocument } from "../documents/document.types.js";
import { type Actor, describeActor } from "../domain/actor.js";
import { type ErrorDetail, invalidInput, notFound } from "../domain/errors.js";
import type { Incident } from "../domain/incident/model.js";
import { PROPOSAL_STATUSES, type ProposalStatus } from "../domain/post-incident-states.js";
import { newRowId } from "../domain/row-id.js";
import { getIncident } from "../response/incident.service.js";
import { requiredText } from "../response/incident-change.js";
import type { PostIncidentDeps } from "./deps.js";
import type { ChangeProposal, LessonsReview, ProposalTarget } from "./postincident.types.js";
import { mutateVersioned, recordOn, requireIncident, textList } from "./record.js";

export interface ProposalInput {
  /** Keep a proposal's id when re-saving the review, so its status history stays with it. */
  id?: string;
  target: {
    kind: "plan" | "procedure";
    /** Defaults to the incident's plan or procedure. */
    id?: string;
    /** Defaults to the version the incident pinned (same document), else the current one. */
    version?: number;
    step_id?: string;
    section?: string;
  };
  change: string;
  rationale?: string;
  status?: ProposalStatus;
}

export interface LessonsInput {
  what_happened: string;
  went_well?: string[];
  went_poorly?: string[];
  learned?: string[];
  proposals?: ProposalInput[];
}

/** Whether a section path (`escalation`, `roles.commander`, `steps.containment`) is in a body. */
function sectionExists(body: Record<string, unknown>, section: string): boolean {
  const [head, child, ...rest] = section.split(".");
  if (!head || rest.length > 0 || !(head in body)) return false;
  if (child === undefined) return true;
  const value = body[head];
  if (Array.isArray(value)) return value.some((v) => (v as { id?: unknown })?.id === child);
  return typeof value === "object" && value !== null && child in value;
}

async function resolveTarget(
  deps: PostIncidentDeps,
  incident: Incident,
  input: ProposalInput["target"] | undefined,
  path: string,
  problems: ErrorDetail[],
): Promise<ProposalTarget | undefined> {
  const fail = (message: string) => {
    problems.push({ message, path });
    return undefined;
  };
  if (!input || (input.kind !== "plan" && input.kind !== "procedure"))
    return fail("target.kind must be plan or procedure");
  const pinnedId = input.kind === "plan" ? incident.plan_id : incident.procedure_id;
  const pinnedVersion = input.kind === "plan" ? incident.plan_version : incident.procedure_version;
  const id = input.id?.trim() || pinnedId;
  const version = input.version ?? (id === pinnedId ? pinnedVersion : undefined);
  const doc = (await deps.documents.get(input.kind, id, version)) as StoredDocument | undefined;
  if (!doc)
    return fail(`${input.kind} ${id}${version ? ` version ${version}` : ""} does not exist`);
  const stepId = input.step_id?.trim() || null;
  const section = input.section?.trim() || null;
  if (stepId) {
    if (doc.kind !== "procedure") return fail("a plan has no steps; name a section instead");
    const steps = Object.values((doc as StoredDocument<"procedure">).body.steps).flat();
    if (!steps.some((s) => s.id === stepId))
      return fail(`procedure ${id}@v${doc.version} has no step '${stepId}'`);
  } else if (!section) return fail("say which step (step_id) or section the change is about");
  if (section && !sectionExists(doc.body as Record<string, unknown>, section))
    return fail(`${doc.kind} ${id}@v${doc.version} has no section '${section}'`);
  return {
    kind: doc.kind as "plan" | "procedure",
    id,
    version: doc.version,
    step_id: stepId,
    section,
  };
}

/**
 * Checks every change proposal against the document version it names (by default the one the
 * incident was run under), so that each can become that document's next version.
 */
async function checkProposals(
  deps: PostIncidentDeps,
  incident: Incident,
  inputs: ProposalInput[] | undefined,
  previous: ChangeProposal[],
): Promise<ChangeProposal[]> {
  const problems: ErrorDetail[] = [];
  const out: ChangeProposal[] = [];
  for (const [i, p] of (inputs ?? []).entries()) {
    const path = `proposals[${i}]`;
    const target = await resolveTarget(deps, incident, p.target, `${path}.target`, problems);
    if (p.status !== undefined && !(PROPOSAL_STATUSES as readonly string[]).includes(p.status))
      problems.push({
        path: `${path}.status`,
        message: `status is one of ${PROPOSAL_STATUSES.join(", ")}`,
      });
    if (typeof p.change !== "string" || !p.change.trim())
      problems.push({ path: `${path}.change`, message: "say what to change" });
    if (!target || problems.length > 0) continue;
    const kept = p.id ? previous.find((q) => q.id === p.id) : undefined;
    out.push({
      id: kept?.id ?? newRowId(),
      target,
      change: p.change.trim(),
      rationale: p.rationale?.trim() ?? "",
      status: p.status ?? kept?.status ?? "proposed",
    });
  }
  if (problems.length === 1) throw invalidInput(problems[0]?.message ?? "", problems);
  if (problems.length > 1)
    throw invalidInput(`${problems.length} problems in the lessons-learned review`, problems);
  return out;
}

/** The incident's lessons-learned review. */
export async function getLessons(
  deps: PostIncidentDeps,
  ref: string,
  viewer: Actor | undefined,
): Promise<LessonsReview> {
  const incident = await getIncident(deps, ref, viewer);
  const review = await deps.postincident.getLessons(incident.id);
  if (!review) throw notFound("lessons-learned review of", incident.human_id);
  return review;
}

/**
 * Records (or revises) the formal lessons-learned review of an incident: what happened, what
 * went well and poorly, what we learned, and change proposals for the plan and procedures.
 */
export async function recordLessons(
  deps: PostIncidentDeps,
  ref: string,
  input: LessonsInput,
  actor: Actor,
  expectedVersion?: number,
): Promise<LessonsReview> {
  // The incident is the route's own: missing or hidden is a 404; merged is refused below.
  await getIncident(deps, ref, actor);
  const incident = await requireIncident(deps, ref, actor);
  const whatHappened = requiredText("what_happened", input.what_happened, 20000);
  const wentWell = textList("went_well", input.went_well);
  const wentPoorly = textList("went_poorly", input.went_poorly);
  const learned = textList("learned", input.learned);
  const empty = (): LessonsReview => ({
    id: newRowId(),
    incident_id: incident.id,
    what_happened: "",
    went_well: [],
    went_poorly: [],
    learned: [],
    proposals: [],
    created_at: deps.clock.now().toISOString(),
    created_by: describeActor(actor),
    updated_at: "",
    updated_by: "",
    version: 0,
  });
  const { after } = await mutateVersioned(
    "lessons-learned review of",
    incident.human_id,
    expectedVersion,
    async () => {
      const stored = await deps.postincident.getLessons(incident.id);
      return { ...(stored ?? empty()), human_id: incident.human_id };
    },
    async (current) => ({
      ...current,
      what_happened: whatHappened,
      went_well: wentWell,
      went_poorly: wentPoorly,
      learned,
      proposals: await checkProposals(deps, incident, input.proposals, current.proposals),
      updated_at: deps.clock.now().toISOString(),
      updated_by: describeActor(actor),
    }),
    ({ human_id: _h, ...review }, expected) => deps.postincident.saveLessons(review, expected),
  );
  const { human_id: _h, ...review } = after;
  await recordOn(
    deps,
    [incident.id],
    "lessons.recorded",
    {
      review_id: review.id,
      went_well: review.went_well.length,
      went_poorly: review.went_poorly.length,
      learned: review.learned.length,
      proposals: review.proposals.map((p) => ({
        target: `${p.target.kind}/${p.target.id}@v${p.target.version}${p.target.step_id ? ` step ${p.target.step_id}` : ""}${p.target.section ? ` section ${p.target.section}` : ""}`,
        change: p.change,
        status: p.status,
      })),
    },
    actor,
  );
  return review;
}

/** A proposal with the incident it came from: input for a document's next version. */
export interface ProposalView extends ChangeProposal {
  review_id: string;
  incident: { id: string; human_id: string; title: string };
}

/** Every change proposal against a plan or procedure, newest review first. */
export async function proposalsFor(
  deps: PostIncidentDeps,
  kind: string,
  id: string,
  viewer?: Actor,
): Promise<ProposalView[]> {
  const out: ProposalView[] = [];
  for (const review of await deps.postincident.lessonsProposingFor(kind, id, visibleTo(viewer))) {
    const incident = await deps.incidents.get(review.incident_id);
    if (!incident) continue;
    for (const p of review.proposals)
      if (p.target.kind === kind && p.target.id === id)
        out.push({
          ...p,
          review_id: review.id,
          incident: { id: incident.id, human_id: incident.human_id, title: incident.title },
        });
  }
  return out;
}
