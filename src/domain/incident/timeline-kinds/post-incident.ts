import { z } from "zod";
import { change } from "./incident.js";

/** Problems, root-cause analyses, action items, lessons, reports and exercises. */

const problemBrief = z.object({
  problem_id: z.string(),
  problem: z.string(),
  title: z.string(),
  state: z.string(),
});
/** The root-cause analysis an `rca.*` entry is about: its id and human id. */
const rcaRef = z.object({ rca_id: z.string(), rca: z.string() });
const actionItemBrief = z.object({
  action_item_id: z.string(),
  action_item: z.string(),
  title: z.string(),
  owner: z.string(),
  due_at: z.string(),
  status: z.string(),
});

export const POST_INCIDENT_PAYLOADS = {
  // Problems and post-incident work.
  "problem.linked": problemBrief,
  "problem.state_changed": problemBrief.extend({
    from: z.string(),
    to: z.string(),
    cause: z.string().nullable().optional(),
    workaround: z.string().nullable().optional(),
    fix: z.string().nullable().optional(),
    verified_by: z.string().nullable().optional(),
  }),
  "problem.cause_updated": z.object({
    problem_id: z.string(),
    problem: z.string(),
    from: z.string().nullable(),
    to: z.string(),
    rca: z.string(),
  }),
  "rca.started": rcaRef.extend({ title: z.string(), scope: z.string() }),
  "rca.scope_updated": rcaRef.extend({ from: z.string(), to: z.string() }),
  "rca.cause_added": rcaRef.extend({
    cause_id: z.string().optional(),
    parent_id: z.string().nullable().optional(),
    statement: z.string(),
    evidence: z.array(z.string()).optional(),
    contributing_factors: z.array(z.string()),
  }),
  "rca.cause_updated": rcaRef.extend({
    cause_id: z.string(),
    from: z.string().optional(),
    statement: z.string().optional(),
    contributing_factors: z.array(z.string()).optional(),
    evidence_changed: z.boolean().optional(),
  }),
  "rca.cause_removed": rcaRef.extend({ cause_id: z.string(), statement: z.string().optional() }),
  "rca.root_cause_identified": rcaRef.extend({ cause_id: z.string(), chain: z.array(z.string()) }),
  "rca.solution_set": rcaRef.extend({ summary: z.string(), workaround: z.string().nullable() }),
  "rca.completed": rcaRef.extend({ problems_resolved: z.array(z.string()) }),
  "action_item.added": actionItemBrief,
  "action_item.updated": actionItemBrief.extend({ changes: z.record(z.string(), change) }),
  "lessons.recorded": z.object({
    review_id: z.string(),
    went_well: z.number(),
    went_poorly: z.number(),
    learned: z.number(),
    proposals: z.array(z.object({ target: z.string(), change: z.string(), status: z.string() })),
  }),
  "report.generated": z.object({
    report_id: z.string(),
    kind: z.string(),
    format: z.string(),
    version: z.number(),
    sha256: z.string(),
    size: z.number(),
  }),

  // Exercises.
  "exercise.inject": z.object({
    run: z.string(),
    inject: z.string(),
    title: z.string(),
    at: z.string(),
    message: z.string().optional(),
    question: z.string().optional(),
  }),
  "exercise.finished": z.object({ run: z.string(), score: z.number(), gaps: z.number() }),
} satisfies Record<string, z.ZodType<Record<string, unknown>>>;
