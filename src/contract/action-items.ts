import { z } from "zod";
import { ACTION_STATUSES } from "../domain/post-incident-states.js";
import { endpoint, IfMatch, Time, whole } from "./endpoint.js";
import { IncidentRefSchema, Text } from "./post-incident.js";

/** Action items: owned, dated changes tracked to done, and follow-up tasks of closed incidents. */

export const ActionItemSchema = z.object({
  id: z.string(),
  human_id: z.string(),
  title: z.string(),
  description: z.string(),
  incident_id: z.string().nullable(),
  problem_id: z.string().nullable(),
  rca_id: z.string().nullable(),
  owner: z.string(),
  due_at: Time,
  status: z.enum(ACTION_STATUSES),
  verification: z.string().nullable(),
  verified_by: z.string().nullable(),
  cancel_reason: z.string().nullable(),
  created_at: Time,
  created_by: z.string(),
  updated_at: Time,
  completed_at: Time.nullable(),
  version: z.number(),
});

const ActionItemViewSchema = z.object({
  ref: z.string().describe("ACT-2026-0001, or task:<id> for a follow-up task of a closed incident"),
  id: z.string(),
  source: z.enum(["action_item", "follow_up_task"]),
  title: z.string(),
  owner: z.string().nullable(),
  owner_name: z.string().nullable(),
  due_at: Time.nullable(),
  status: z.enum(ACTION_STATUSES),
  overdue: z.boolean(),
  overdue_by_ms: z.number().nullable(),
  incident: IncidentRefSchema.nullable(),
  problem_id: z.string().nullable(),
  rca_id: z.string().nullable(),
  verification: z.string().nullable(),
  verified_by: z.string().nullable(),
  completed_at: Time.nullable(),
  version: z.number().nullable(),
});

const NewActionItemBody = z.strictObject({
  title: Text(500),
  description: Text(10000).optional(),
  owner: z.string().describe("a person id from the plan's team"),
  due_at: z.string().describe("ISO 8601 date or time"),
  rca: z.string().optional(),
  incident: z.string().optional(),
  problem: z.string().optional(),
});

/** An action item added from an RCA's step 4: the RCA is the path's, and so are its links. */
export const RcaActionItemBody = NewActionItemBody.omit({
  rca: true,
  incident: true,
  problem: true,
});

const ActionItemPatchBody = z.strictObject({
  status: z.enum(ACTION_STATUSES).optional(),
  owner: z.string().optional(),
  due_at: z.string().optional(),
  title: Text(500).optional(),
  description: Text(10000).optional(),
  verification: Text(5000).optional().describe("how it was verified; required to mark done"),
  verified_by: Text(300).optional(),
  cancel_reason: Text(2000).optional().describe("required to cancel"),
});

const ListQuery = z.object({
  overdue: z.enum(["true", "false"]).optional(),
  owner: z.string().optional(),
  status: z.string().optional().describe("comma-separated: open,in_progress,done,cancelled"),
  incident: z.string().optional(),
  problem: z.string().optional(),
  rca: z.string().optional(),
  items_only: z.enum(["true", "false"]).optional().describe("leave out follow-up tasks"),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

const ItemParams = z.object({
  id: z.string().describe("ACT-2026-0001, its id, or task:<task id>"),
});

export const actionItems = {
  list: endpoint({
    method: "GET",
    path: "/action-items",
    description:
      "Action items and follow-up tasks of closed incidents, soonest due first; ?overdue=true for the overdue ones.",
    query: ListQuery,
    response: whole(ActionItemViewSchema),
  }),
  add: endpoint({
    method: "POST",
    path: "/action-items",
    body: NewActionItemBody,
    response: ActionItemSchema,
    status: 201,
  }),
  get: endpoint({
    method: "GET",
    path: "/action-items/:id",
    params: ItemParams,
    response: ActionItemSchema,
  }),
  update: endpoint({
    method: "PATCH",
    path: "/action-items/:id",
    description:
      "Status (done needs `verification`, cancelled needs `cancel_reason`), owner, due date. A `task:<id>` works the follow-up task of a closed incident.",
    params: ItemParams,
    headers: IfMatch,
    body: ActionItemPatchBody,
    response: z.union([ActionItemSchema, ActionItemViewSchema]),
  }),
};

/** An action item as stored. */
export type ActionItemRecord = z.output<typeof ActionItemSchema>;
/** An entry of the action list: an action item, or a follow-up task of a closed incident. */
export type ActionItemView = z.output<typeof ActionItemViewSchema>;
export type NewActionItemInput = z.input<typeof NewActionItemBody>;
