import { z } from "zod";
import { IncidentSchema } from "../domain/incident/model.js";
import { endpoint } from "./endpoint.js";
import { TaskSchema, TimelineEntrySchema } from "./incidents.js";

/** The dashboard in one request, whatever the number of open incidents (response/dashboard.service.ts). */

const IncidentSummarySchema = IncidentSchema.pick({
  id: true,
  human_id: true,
  title: true,
  severity: true,
  phase: true,
});
const DashboardTaskSchema = z.object({ incident: IncidentSummarySchema, task: TaskSchema });

export const DashboardSchema = z.object({
  open: z.array(IncidentSchema).describe("open incidents, not exercises, newest first (up to 500)"),
  truncated: z.boolean().describe("more open incidents exist than `open` holds"),
  activity: z
    .array(z.object({ incident: IncidentSummarySchema, entry: TimelineEntrySchema }))
    .describe("the latest timeline entries across open incidents, newest first"),
  overdue: z
    .array(DashboardTaskSchema)
    .describe("unfinished tasks of open incidents past their due time, soonest due first"),
  mine: z
    .array(DashboardTaskSchema)
    .describe("unfinished tasks of open incidents assigned to the caller, soonest due first"),
});

export type DashboardView = z.infer<typeof DashboardSchema>;

export const dashboard = {
  get: endpoint({
    method: "GET",
    path: "/dashboard",
    description:
      "What the dashboard shows, in a fixed number of bounded queries: open incidents, the latest activity across them, overdue tasks and the caller's own tasks. Restricted incidents appear only to those who take part in them.",
    response: DashboardSchema,
  }),
};
