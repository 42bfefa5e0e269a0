import { CLOCK_REMINDER, clockReminderHandler } from "../compliance/clock-reminders.service.js";
import type { Config } from "../config.js";
import { type JobLog, JobWorker } from "../jobs/worker.js";
import { createChannels } from "./channels/channels.js";
import type { Env } from "./channels/target.js";
import type { CommsDeps } from "./comms.deps.js";
import {
  ESCALATION_STEP,
  escalationStepHandler,
  resumeEscalations,
} from "./escalation/escalation.service.js";
import {
  DELIVER_NOTIFICATION,
  deliveryHandler,
  resumeNotificationDelivery,
} from "./notification.service.js";
import { cadenceHandler, STATUS_UPDATE_DUE } from "./status-updates/cadence.js";

/** The job kinds the timer worker runs. */
export const COMMS_JOB_KINDS = [
  DELIVER_NOTIFICATION,
  ESCALATION_STEP,
  STATUS_UPDATE_DUE,
  CLOCK_REMINDER,
] as const;

export interface CommsWorkerOptions {
  /** Base URL for links in messages (see `linkBaseFor`). */
  linkBase: string;
  log?: JobLog & { info?(obj: object, msg: string): void };
  /** What `${env:NAME}` in channel targets reads; default `process.env`. */
  env?: Env;
  pollMs?: number;
  leaseMs?: number;
  concurrency?: number;
}

export interface CommsWorker {
  worker: JobWorker;
  /** Stops claiming jobs, waits for running handlers, closes the transports. */
  stop(): Promise<void>;
}

/**
 * Starts the timer worker of `serve`: delivers notifications and runs escalation steps, update
 * cadence reminders and clock reminders. Before it starts polling it repairs what a crash may
 * have left (notifications recorded without a delivery job, escalation paths without their next
 * step), which is safe on every node.
 */
export async function startCommsWorker(
  deps: CommsDeps & {
    config: Pick<Config, "smtpUrl" | "mailFrom" | "webhookSecret" | "ackSecret" | "egressAllow">;
  },
  options: CommsWorkerOptions,
): Promise<CommsWorker> {
  const channels = createChannels(deps.config);
  const worker = new JobWorker({
    store: deps.jobs,
    clock: deps.clock,
    log: options.log,
    pollMs: options.pollMs,
    leaseMs: options.leaseMs,
    concurrency: options.concurrency,
  });
  const handlerDeps = { ...deps, linkBase: options.linkBase };
  worker.handle(
    DELIVER_NOTIFICATION,
    deliveryHandler({ ...deps, channels, env: options.env ?? process.env }),
  );
  worker.handle(ESCALATION_STEP, escalationStepHandler(handlerDeps));
  worker.handle(STATUS_UPDATE_DUE, cadenceHandler(handlerDeps));
  worker.handle(CLOCK_REMINDER, clockReminderHandler(handlerDeps));
  const resumed = {
    notifications: await resumeNotificationDelivery(deps),
    escalations: await resumeEscalations(deps),
  };
  options.log?.info?.({ resumed, workerId: worker.workerId }, "timer worker started");
  worker.start();
  return {
    worker,
    async stop() {
      await worker.stop();
      await channels.close();
    },
  };
}
