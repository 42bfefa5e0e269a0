import { z } from "zod";
import { PREPARATION_KINDS } from "../domain/preparation-kind.js";
import { Duration, Id, Markdown } from "./common.schema.js";

/**
 * A recurring activity of the readiness programme (the plan's `preparation:`): someone holding
 * `owner_role` does it every `cadence` and leaves the `evidence` named. Firebreak schedules it,
 * reminds the owners before it is due, escalates when it is overdue, and keeps each completion.
 *
 * ```yaml
 * preparation:
 *   - id: backup-restore-test
 *     title: Test-restore a tier-1 backup
 *     owner_role: it-operations
 *     cadence: P3M
 *     evidence: [restore log, time to restore, checksum comparison]
 *     kind: backup_restore_test
 * ```
 */
export const PreparationActivity = z.strictObject({
  id: Id,
  title: z.string().min(1),
  /** What to do and what "done" means, for the owner who has not done it before. */
  description: Markdown.optional(),
  owner_role: Id,
  /** How often, as an ISO 8601 duration (P1M, P3M, P1Y). */
  cadence: Duration,
  /** What a completion must leave behind (each item is asked for when it is recorded). */
  evidence: z.array(z.string().min(1)).default([]),
  kind: z.enum(PREPARATION_KINDS).default("other"),
});

export type PreparationActivity = z.infer<typeof PreparationActivity>;
