import { z } from "zod";

/** Shapes the post-incident resources (RCAs, action items, lessons) share. */

/** An incident (or problem) named in another resource's answer: enough to show and link it. */
export const IncidentRefSchema = z.object({
  id: z.string(),
  human_id: z.string(),
  title: z.string(),
});

/** Free text people write, bounded so that one request cannot store a book. */
export const Text = (max: number) => z.string().max(max);
