import {
  CLOCK_REMINDER,
  DELIVER_NOTIFICATION,
  ESCALATION_STEP,
  STATUS_UPDATE_DUE,
} from "../jobs/job-kinds.js";
import { defineJob, type JobDefinition } from "../jobs/registry.js";
import type { ChannelSet } from "./channels/channels.js";
import type { Env } from "./channels/target.js";
import { clockReminderHandler } from "./clock-reminders.service.js";
import type { CommsDeps } from "./comms.deps.js";
import { escalationStepHandler, resumeEscalations } from "./escalation/escalation.service.js";
import { deliveryHandler, resumeNotificationDelivery } from "./notification.service.js";
import { cadenceHandler } from "./status-updates/cadence.js";

/** What the comms handlers need besides the stores. */
export interface CommsJobParts {
  /** The transports; whoever created them closes them. */
  channels: ChannelSet;
  /** What `${env:NAME}` in channel targets reads. */
  env: Env;
  /** Base URL for links in messages (see `linkBaseFor`). */
  linkBase: string;
}

/**
 * The comms part of the job registry: notification deliveries, escalation steps, update cadence
 * reminders and clock reminders, all scheduled on demand by the use cases.
 */
export function commsJobs(deps: CommsDeps, parts: CommsJobParts): JobDefinition[] {
  const handlerDeps = { ...deps, linkBase: parts.linkBase };
  const schedule = { type: "on-demand" } as const;
  return [
    defineJob({
      kind: DELIVER_NOTIFICATION,
      handler: deliveryHandler({ ...deps, channels: parts.channels, env: parts.env }),
      schedule,
    }),
    defineJob({ kind: ESCALATION_STEP, handler: escalationStepHandler(handlerDeps), schedule }),
    defineJob({ kind: STATUS_UPDATE_DUE, handler: cadenceHandler(handlerDeps), schedule }),
    defineJob({ kind: CLOCK_REMINDER, handler: clockReminderHandler(handlerDeps), schedule }),
  ];
}

/**
 * Repairs what a crash may have left before a worker starts polling: notifications recorded
 * without a delivery job, escalation paths without their next step. Safe on every node.
 */
export async function resumeComms(deps: CommsDeps) {
  return {
    notifications: await resumeNotificationDelivery(deps),
    escalations: await resumeEscalations(deps),
  };
}
