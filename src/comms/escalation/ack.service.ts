import { randomBytes } from "node:crypto";
import { currentPlan } from "../../documents/document.service.js";
import type { StoredDocument } from "../../documents/document.types.js";
import type { Actor } from "../../domain/actor.js";
import type { Incident } from "../../domain/incident/model.js";
import { acknowledgeIncident } from "../../response/incident.service.js";
import type { CommsDeps, HandlerDeps } from "../comms.deps.js";
import { type AckClaim, newAckClaim, signAckToken, verifyAckToken } from "./ack-token.js";
import { shownTitle } from "./dispatch.js";
import type { EscalationState } from "./escalation.types.js";

/** Where the generated key is kept when `FIREBREAK_ACK_SECRET` is not set. */
export const ACK_SECRET_NAME = "ack-link-hmac";

// One lookup per store: the secret never changes while the process runs.
const secrets = new WeakMap<object, Promise<string>>();

/**
 * The key acknowledgement links are signed with: `FIREBREAK_ACK_SECRET` when set, else a random
 * 256-bit key generated on first use and kept in the database (`server_secrets`), so that every
 * node of a PostgreSQL deployment, and the next start, accept the same links.
 */
export function ackSecret(
  deps: Pick<CommsDeps, "config" | "serverSecrets" | "clock">,
): Promise<string> {
  if (deps.config.ackSecret) return Promise.resolve(deps.config.ackSecret);
  let secret = secrets.get(deps.serverSecrets);
  if (!secret) {
    secret = deps.serverSecrets.getOrCreate(
      ACK_SECRET_NAME,
      randomBytes(32).toString("base64url"),
      deps.clock.now(),
    );
    secrets.set(deps.serverSecrets, secret);
    secret.catch(() => secrets.delete(deps.serverSecrets));
  }
  return secret;
}

/** A fresh one-time link that acknowledges `incidentId` as `recipient` (`person:<id>`…). */
export async function ackLink(
  deps: HandlerDeps,
  incidentId: string,
  recipient: string,
): Promise<string> {
  const token = signAckToken(
    newAckClaim(incidentId, recipient, deps.clock.now()),
    await ackSecret(deps),
  );
  return `${deps.linkBase}/api/v1/ack/${token}`;
}

/** Why a link is refused, as the HTTP status its page answers with. */
export type AckRefusal = { ok: false; status: 400 | 403 | 404 | 409 | 410; message: string };

export type AckResult =
  | { ok: true; incident: Incident; recipient: string; name: string; first: boolean }
  | AckRefusal;

/** What a link's confirmation page shows: who, which incident, where its escalation stands. */
export interface AckPreview {
  ok: true;
  incident: Incident;
  /** The title as pages show it (a restricted incident's stays hidden). */
  title: string;
  recipient: string;
  name: string;
  /** `step 2 of 3, round 1 of 1, paged at …`, or null before any page or without a path. */
  step: string | null;
  escalation: EscalationState | null;
}

const USED: AckRefusal = {
  ok: false,
  status: 409,
  message: "This acknowledgement link has already been used.",
};

/** The verified claim and its incident, or why the link is refused. */
async function readLink(
  deps: CommsDeps,
  token: string,
  now: Date,
): Promise<{ ok: true; claim: AckClaim; incident: Incident } | AckRefusal> {
  const verdict = verifyAckToken(token, await ackSecret(deps), now);
  if (!verdict.ok) {
    if (verdict.reason === "expired")
      return { ok: false, status: 410, message: "This acknowledgement link has expired." };
    if (verdict.reason === "bad_signature")
      return { ok: false, status: 403, message: "This acknowledgement link is not valid." };
    return { ok: false, status: 400, message: "This is not an acknowledgement link." };
  }
  const incident = await deps.incidents.get(verdict.claim.incidentId);
  if (!incident) return { ok: false, status: 404, message: "The incident does not exist." };
  return { ok: true, claim: verdict.claim, incident };
}

/**
 * What opening a link shows, changing nothing: mail gateways, chat link previews and `curl -I`
 * open links that no person read, so only the page's POST acknowledges. Refused as
 * `acknowledgeByToken` would refuse it, including a link already used (409).
 */
export async function previewAckLink(
  deps: CommsDeps,
  token: string,
): Promise<AckPreview | AckRefusal> {
  const link = await readLink(deps, token, deps.clock.now());
  if (!link.ok) return link;
  if (await deps.ackNonces.isUsed(link.claim.nonce)) return USED;
  const plan = await currentPlan(deps.documents).catch(() => undefined);
  const escalation = (await deps.escalations.get(link.incident.id)) ?? null;
  const path = plan?.body.escalation.find((p) => p.severity === escalation?.severity);
  const last = escalation?.last;
  const step =
    last && path
      ? `step ${last.step + 1} of ${path.steps.length}, round ${last.round + 1} of ${path.repeat + 1}, paged at ${last.at}`
      : null;
  return {
    ok: true,
    incident: link.incident,
    title: shownTitle(link.incident),
    recipient: link.claim.recipient,
    name: recipientName(plan, link.claim.recipient),
    step,
    escalation,
  };
}

/**
 * Acknowledges the incident a link names, as the recipient it was sent to: the confirmation
 * page's POST. Refused: a token that is malformed (400) or not signed with our key (403), one
 * that expired (410), or one already used (409). The nonce is spent before the acknowledgement
 * is written, so two submissions at once cannot both count.
 */
export async function acknowledgeByToken(deps: CommsDeps, token: string): Promise<AckResult> {
  const now = deps.clock.now();
  const link = await readLink(deps, token, now);
  if (!link.ok) return link;
  const { claim, incident: before } = link;
  if (!(await deps.ackNonces.use(claim.nonce, claim.incidentId, claim.recipient, now))) return USED;
  const plan = await currentPlan(deps.documents).catch(() => undefined);
  const name = recipientName(plan, claim.recipient);
  const incident = await acknowledgeIncident(
    deps,
    claim.incidentId,
    ackActor(claim.recipient, name),
    "link",
  );
  return {
    ok: true,
    incident,
    recipient: claim.recipient,
    name,
    first: before.times.acknowledged_at === null,
  };
}

/** A person's name from the plan's team (their id when gone), or `channel <id>`. */
function recipientName(plan: StoredDocument<"plan"> | undefined, recipient: string): string {
  const [what, id = ""] = recipient.split(":");
  if (what === "person") return plan?.body.team.find((p) => p.id === id)?.name ?? id;
  return `channel ${id}`;
}

function ackActor(recipient: string, name: string): Actor {
  const [what, id = ""] = recipient.split(":");
  if (what === "person") return { kind: "person", id, name };
  return { kind: "integration", id: recipient, name: `acknowledgement link sent to ${name}` };
}
