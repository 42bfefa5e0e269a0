import { currentPlan } from "../documents/document.service.js";
import type { DocumentStore } from "../documents/document.types.js";
import type { Actor } from "../domain/actor.js";
import type { Clock } from "../domain/clock.js";
import { DomainError, invalidInput, notFound } from "../domain/errors.js";
import { newRowId } from "../domain/row-id.js";
import { DeliveryError } from "./channels/channel.types.js";
import type { ChannelSet } from "./channels/channels.js";
import { type Env, resolveChannelTarget } from "./channels/target.js";
import type { ChannelKind, Notification } from "./notification.types.js";

/** A channel to try: a definition (perhaps only in a draft plan), with its plan id if it has one. */
export interface ChannelUnderTest {
  kind: ChannelKind;
  /** As the plan writes it: `${env:NAME}` is resolved here exactly as delivery resolves it. */
  target: string;
  id?: string;
}

/** What one test message did; a failure is a result too, so the admin sees why. */
export interface ChannelTestResult {
  delivered: boolean;
  /** The peer's HTTP status (webhook, Slack). */
  status?: number;
  /** The peer's answer (the SMTP reply) or why nothing was delivered. */
  detail: string;
  duration_ms: number;
}

export interface ChannelTestDeps {
  channels: ChannelSet;
  env: Env;
  clock: Clock;
}

/**
 * The message a test sends, as a notification of kind `test` that is never stored: the same
 * transports render and deliver it as a page, so a test that arrives proves pages would too.
 */
export function testNotification(channel: ChannelUnderTest, actor: Actor, now: Date): Notification {
  const who = actor.name ?? `${actor.kind}:${actor.id}`;
  const text = [
    `This is a test message from Firebreak, sent by ${who} at ${now.toISOString()}.`,
    `If you can read it, the channel ${channel.id ? `'${channel.id}' ` : ""}delivers incident pages and status updates.`,
    "No incident is open because of it; nothing needs doing.",
  ].join("\n");
  return {
    id: newRowId(),
    incidentId: null,
    incidentRef: null,
    kind: "test",
    channel: { kind: channel.kind, target: channel.target, id: channel.id ?? null },
    recipient: channel.id ? `channel:${channel.id}` : null,
    subject: "Test message: this channel works",
    body: { text, html: null, markdown: null },
    severity: null,
    phase: null,
    links: {},
    labels: ["test"],
    status: "pending",
    attempts: 0,
    lastError: null,
    createdAt: now.toISOString(),
    sentAt: null,
  };
}

/**
 * Sends one test message through the channel's transport, now and once (no job, no retries):
 * the admin is waiting for the answer. Resolves the target as delivery does (a missing
 * `${env:NAME}` is a failed result naming it) and goes through the egress-checked HTTP client
 * and the configured SMTP server like every page.
 */
export async function sendChannelTest(
  deps: ChannelTestDeps,
  channel: ChannelUnderTest,
  actor: Actor,
): Promise<ChannelTestResult> {
  const started = performance.now();
  const took = () => Math.round(performance.now() - started);
  const transport = deps.channels.transport(channel.kind);
  if (!transport)
    return {
      delivered: false,
      detail: `Firebreak cannot send to ${channel.kind} channels itself; only e-mail, webhook, Slack, Mattermost and Rocket.Chat channels deliver`,
      duration_ms: took(),
    };
  try {
    const target = resolveChannelTarget(channel.target, deps.env);
    const outcome = await transport.deliver(
      testNotification(channel, actor, deps.clock.now()),
      target,
      1,
    );
    return {
      delivered: true,
      ...(outcome.httpStatus === undefined ? {} : { status: outcome.httpStatus }),
      detail: outcome.detail ?? "accepted",
      duration_ms: took(),
    };
  } catch (e) {
    // Only what a delivery can fail with is a result; anything else is a bug and propagates.
    if (!(e instanceof DeliveryError || e instanceof DomainError)) throw e;
    return {
      delivered: false,
      ...(e instanceof DeliveryError && e.httpStatus !== undefined ? { status: e.httpStatus } : {}),
      detail: e.message,
      duration_ms: took(),
    };
  }
}

/** How a target starts reading the server's environment (`${env:NAME}`). */
const ENV_REFERENCE = "${env:";

/** What a caller asks to test: a definition (perhaps only in a draft) or a channel in force. */
export type ChannelTestRequest = ChannelUnderTest | { channel_id: string };

/**
 * Tests the channel a request names: a definition as given, or the channel of that id in the
 * plan in force (not found: 404, since nothing could be tried).
 */
export async function testChannel(
  deps: ChannelTestDeps & { documents: DocumentStore },
  request: ChannelTestRequest,
  actor: Actor,
): Promise<ChannelTestResult> {
  const plan = await currentPlan(deps.documents);
  if (!("channel_id" in request)) {
    // `${env:NAME}` reads the server's environment (database URL, SMTP password, secrets): a
    // target may resolve it only as a channel of the approved plan, never as written ad hoc,
    // or one admin could send any variable to an address of their choosing.
    if (
      request.target.includes("${env:") &&
      !plan.body.channels.some((c) => c.target === request.target)
    )
      throw invalidInput(
        `a target with ${ENV_REFERENCE}NAME} is tested only as a channel of the plan in force: write the address itself, or test it once its plan is approved`,
        [{ message: "not the target of a channel in force", path: "target" }],
      );
    return sendChannelTest(deps, request, actor);
  }
  const channel = plan.body.channels.find((c) => c.id === request.channel_id);
  if (!channel) throw notFound("channel", request.channel_id);
  return sendChannelTest(deps, channel, actor);
}
