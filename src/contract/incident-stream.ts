import { z } from "zod";
import { endpoint } from "./endpoint.js";

/**
 * The live timeline of an incident: server-sent events, not a JSON answer, so the endpoint
 * describes what goes in and leaves the stream's format to its description. Browsers open it
 * with EventSource at its URL rather than through the client.
 */
export const incidentStream = endpoint({
  method: "GET",
  path: "/incidents/:id/stream",
  summary: "Live timeline (server-sent events)",
  description:
    "A text/event-stream of `timeline` events, each `{items: TimelineEntry[]}` with the sequence number of its last entry as the event id. Reconnecting with `Last-Event-ID` (EventSource does) resumes after it; `after` does the same for a first connection. Comment lines keep the connection alive every 15 s.",
  params: z.object({ id: z.string().describe("incident id or human id") }),
  query: z.object({
    after: z.coerce
      .number()
      .int()
      .min(0)
      .optional()
      .describe("the last timeline sequence number the client has; default: the current end"),
  }),
});
