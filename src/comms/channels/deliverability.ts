import { addressProblem, canonicalIp, parseEgressAllow } from "../../auth/egress.js";
import type { PlanDocument } from "../../documents/plan.schema.js";
import type { ChannelKind } from "../notification.types.js";
import { KINDS_WITH_SENDER } from "./channels.js";
import { type Env, resolveChannelTarget } from "./target.js";

/**
 * Which of a plan's channels cannot deliver in this deployment, and why. Pure: decided from the
 * configuration and the environment alone, without connecting or resolving names, so that
 * readiness, the first-run checklist and the start-up warning can say it every time they are
 * asked (a page that fails only when it is sent is found out during an incident).
 */

/** What delivery depends on besides the plan: `Config`'s fields and the environment. */
export interface DeliverySetup {
  /** FIREBREAK_SMTP_URL; without it no e-mail leaves. */
  smtpUrl?: string;
  /** FIREBREAK_EGRESS_ALLOW: private hosts and ranges webhooks and Slack may reach. */
  egressAllow: readonly string[];
  /** What `${env:NAME}` in targets reads. */
  env: Env;
}

/** A channel that cannot deliver and the one reason a person can act on. */
export interface UndeliverableChannel {
  channel: string;
  kind: ChannelKind;
  reason: string;
}

/** Names that always mean this machine, whatever DNS says (RFC 6761). */
const LOOPBACK_NAMES = /^(localhost|.+\.localhost)$/;

/** Why an HTTP target would be refused by the egress rules, judged from the URL alone. */
function httpTargetProblem(target: string, setup: DeliverySetup): string | undefined {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return "its target is not a URL";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    return `its target uses ${url.protocol} (only http and https are sent)`;
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  const allow = parseEgressAllow(setup.egressAllow);
  const address = canonicalIp(host) ?? (LOOPBACK_NAMES.test(host) ? "127.0.0.1" : undefined);
  // A host name is judged when it is sent: only its resolution can tell.
  if (address === undefined) return undefined;
  const problem = addressProblem(address, allow, allow.hosts.has(host));
  return problem && `the egress rules refuse it: ${problem}; FIREBREAK_EGRESS_ALLOW can let it in`;
}

/** Why one channel cannot deliver, or undefined when nothing known stops it. */
export function channelProblem(
  channel: { kind: ChannelKind; target: string },
  setup: DeliverySetup,
): string | undefined {
  if (!KINDS_WITH_SENDER.includes(channel.kind))
    return `this deployment has no sender for ${channel.kind} channels (only ${KINDS_WITH_SENDER.join(", ")})`;
  let target: string;
  try {
    target = resolveChannelTarget(channel.target, setup.env);
  } catch (e) {
    return (e as Error).message;
  }
  if (channel.kind === "email")
    return setup.smtpUrl ? undefined : "e-mail is not configured (set FIREBREAK_SMTP_URL)";
  return httpTargetProblem(target, setup);
}

/** Every channel of the plan that cannot deliver, in the plan's order. */
export function undeliverableChannels(
  plan: Pick<PlanDocument, "channels">,
  setup: DeliverySetup,
): UndeliverableChannel[] {
  return plan.channels.flatMap((c) => {
    const reason = channelProblem(c, setup);
    return reason ? [{ channel: c.id, kind: c.kind, reason }] : [];
  });
}

/** The plan's audiences none of whose channels can deliver: nobody in them hears anything. */
export function unreachableAudiences(
  plan: Pick<PlanDocument, "channels" | "communication">,
  undeliverable: readonly UndeliverableChannel[],
): { id: string; name: string }[] {
  const dead = new Set(undeliverable.map((u) => u.channel));
  const known = new Set(plan.channels.map((c) => c.id));
  return plan.communication.audiences
    .filter((a) => a.channels.every((id) => dead.has(id) || !known.has(id)))
    .map((a) => ({ id: a.id, name: a.name }));
}

/** One line naming each channel and why, for logs and findings. */
export function describeUndeliverable(u: UndeliverableChannel): string {
  return `channel ${u.channel} (${u.kind}) cannot deliver: ${u.reason}`;
}
