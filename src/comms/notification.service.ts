import type { DocumentStore, StoredDocument } from "../documents/document.types.js";
import type { Clock } from "../domain/clock.js";
import { DomainError, invalidInput } from "../domain/errors.js";
import type { JobStore } from "../jobs/job.types.js";
import { DELIVER_NOTIFICATION } from "../jobs/job-kinds.js";
import { type JobHandler, PermanentJobError } from "../jobs/worker.js";
import {
  type DeliveryContext,
  DeliveryError,
  type DeliveryOutcome,
} from "./channels/channel.types.js";
import type { ChannelSet } from "./channels/channels.js";
import { type Env, resolveChannelTarget } from "./channels/target.js";
import {
  NewNotification,
  type Notification,
  type NotificationFilter,
  type NotificationStore,
  type NotificationWithLog,
} from "./notification.types.js";

/**
 * Attempts before a notification is given up as `failed`. With the default backoff (2 s
 * doubling, capped at 5 min) ten attempts span about a quarter of an hour: long enough to ride
 * out a mail server restart, short enough that a failed page is noticed during the incident.
 */
export const DEFAULT_DELIVERY_ATTEMPTS = 10;

export interface DeliverPayload {
  notificationId: string;
}

/** What recording and scheduling need; a `Runtime` has all of it. */
export interface NotificationDeps {
  notifications: NotificationStore;
  jobs: JobStore;
  clock: Clock;
}

/** What delivering needs on top: the transports and the environment `${env:NAME}` reads. */
export interface DeliveryDeps {
  notifications: NotificationStore;
  clock: Clock;
  channels: ChannelSet;
  env: Env;
  /** The plan in force, for what transports show of it (the severity scale's order). */
  documents?: DocumentStore;
}

const dedupKey = (id: string) => `${DELIVER_NOTIFICATION}:${id}`;

/**
 * Records a notification as `pending` and schedules its delivery (a `notification.deliver`
 * job, due now). Returns at once; the worker delivers, retrying with backoff, and the delivery
 * log shows every attempt. Throws `invalid_input` for a malformed notification.
 */
export async function sendNotification(
  deps: NotificationDeps,
  input: NewNotification,
  options: { maxAttempts?: number } = {},
): Promise<Notification> {
  const parsed = NewNotification.safeParse(input);
  if (!parsed.success)
    throw invalidInput(
      "invalid notification",
      parsed.error.issues.map((i) => ({ message: i.message, path: i.path.join(".") })),
    );
  const now = deps.clock.now();
  const notification = await deps.notifications.create(parsed.data, now);
  await scheduleDelivery(deps, notification.id, now, options.maxAttempts);
  return notification;
}

function scheduleDelivery(
  deps: Pick<NotificationDeps, "jobs">,
  notificationId: string,
  now: Date,
  maxAttempts = DEFAULT_DELIVERY_ATTEMPTS,
) {
  return deps.jobs.schedule<DeliverPayload>(
    {
      kind: DELIVER_NOTIFICATION,
      payload: { notificationId },
      dueAt: now,
      dedupKey: dedupKey(notificationId),
      maxAttempts,
    },
    now,
  );
}

/**
 * Schedules delivery for every `pending` notification that has no live delivery job: one
 * recorded just before a crash (the record and the job are two writes), or one whose last
 * attempt died with its node. Safe to run any time and on every node (the job's dedup key makes
 * it a no-op for notifications already scheduled); run it when a worker starts. Returns how many
 * it scheduled.
 */
export async function resumeNotificationDelivery(
  deps: NotificationDeps,
  options: { maxAttempts?: number } = {},
): Promise<number> {
  const now = deps.clock.now();
  let scheduled = 0;
  for (const n of await deps.notifications.list({ status: "pending", limit: 10_000 })) {
    const { created } = await scheduleDelivery(deps, n.id, now, options.maxAttempts);
    if (created) scheduled++;
  }
  return scheduled;
}

/**
 * The worker's handler for `notification.deliver`. Idempotent: a notification already `sent`
 * (or given up) is not sent again, so a job that runs twice (see docs/jobs.md) sends twice only
 * when the first run delivered but died before recording it — and then receivers can tell by
 * the notification id (`X-Firebreak-Delivery`, the Message-ID). Every attempt is logged; a
 * failure is rethrown so the job retries with backoff, and the last failure marks the
 * notification `failed`.
 */
export function deliveryHandler(deps: DeliveryDeps): JobHandler<DeliverPayload> {
  return async (job, ctx) => {
    const n = await deps.notifications.get(job.payload.notificationId);
    if (!n) throw new PermanentJobError(`notification ${job.payload.notificationId} is gone`);
    if (n.status !== "pending") return;
    const context = await deliveryContext(deps, n);
    const at = deps.clock.now();
    const started = performance.now();
    let outcome: DeliveryOutcome;
    try {
      const transport = deps.channels.transport(n.channel.kind);
      if (!transport)
        throw new DeliveryError(`no transport for ${n.channel.kind} channels`, { permanent: true });
      outcome = await transport.deliver(
        n,
        resolveTarget(n.channel.target, deps.env),
        n.attempts + 1,
        context,
      );
    } catch (e) {
      const permanent = e instanceof DeliveryError && e.permanent;
      const message = e instanceof Error ? e.message : String(e);
      await deps.notifications.recordAttempt(n.id, {
        at,
        outcome: "failed",
        error: message,
        httpStatus: e instanceof DeliveryError ? e.httpStatus : undefined,
        durationMs: performance.now() - started,
        final: permanent || ctx.isLastAttempt,
      });
      throw permanent ? new PermanentJobError(message) : e;
    }
    // Outside the try: a database error here must not be logged as a failed delivery.
    await deps.notifications.recordAttempt(n.id, {
      at,
      outcome: "sent",
      httpStatus: outcome.httpStatus,
      detail: outcome.detail,
      durationMs: performance.now() - started,
      final: true,
    });
  };
}

/** The plan's severity scale when the message has a severity; a plan-less database has none. */
async function deliveryContext(
  deps: Pick<DeliveryDeps, "documents">,
  n: Notification,
): Promise<DeliveryContext> {
  if (!n.severity || !deps.documents) return {};
  const [plan] = await deps.documents.current("plan");
  return plan
    ? { severities: (plan as StoredDocument<"plan">).body.severity_scale.map((s) => s.id) }
    : {};
}

function resolveTarget(target: string, env: Env): string {
  try {
    return resolveChannelTarget(target, env);
  } catch (e) {
    // A missing variable is configuration, not a passing fault: fail now, visibly.
    if (e instanceof DomainError) throw new DeliveryError(e.message, { permanent: true });
    throw e;
  }
}

/** Notifications (of one incident, if given), oldest first, each with its delivery log. */
export async function listNotifications(
  deps: Pick<NotificationDeps, "notifications">,
  filter: NotificationFilter = {},
): Promise<NotificationWithLog[]> {
  const list = await deps.notifications.list(filter);
  const log = await deps.notifications.deliveries(list.map((n) => n.id));
  return list.map((n) => ({ ...n, deliveries: log.get(n.id) ?? [] }));
}
