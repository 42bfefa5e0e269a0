import { randomBytes } from "node:crypto";
import { currentPlan } from "../../documents/document.service.js";
import type { Actor } from "../../domain/actor.js";
import { acknowledgeIncident } from "../../response/incident.service.js";
import type { Incident } from "../../response/incident.types.js";
import type { CommsDeps, HandlerDeps } from "../comms.deps.js";
import { newAckClaim, signAckToken, verifyAckToken } from "./ack-token.js";

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

export type AckResult =
  | { ok: true; incident: Incident; recipient: string; name: string; first: boolean }
  | { ok: false; status: 400 | 403 | 404 | 409 | 410; message: string };

/**
 * Acknowledges the incident a link names, as the recipient it was sent to. Refused: a token that
 * is malformed (400) or not signed with our key (403), one that expired (410), or one already
 * used (409). The nonce is spent before the acknowledgement is written, so two clicks at once
 * cannot both count.
 */
export async function acknowledgeByToken(deps: CommsDeps, token: string): Promise<AckResult> {
  const now = deps.clock.now();
  const verdict = verifyAckToken(token, await ackSecret(deps), now);
  if (!verdict.ok) {
    if (verdict.reason === "expired")
      return { ok: false, status: 410, message: "This acknowledgement link has expired." };
    if (verdict.reason === "bad_signature")
      return { ok: false, status: 403, message: "This acknowledgement link is not valid." };
    return { ok: false, status: 400, message: "This is not an acknowledgement link." };
  }
  const { claim } = verdict;
  const before = await deps.incidents.get(claim.incidentId);
  if (!before) return { ok: false, status: 404, message: "The incident does not exist." };
  if (!(await deps.ackNonces.use(claim.nonce, claim.incidentId, claim.recipient, now)))
    return { ok: false, status: 409, message: "This acknowledgement link has already been used." };
  const { actor, name } = await ackActor(deps, claim.recipient);
  const incident = await acknowledgeIncident(deps, claim.incidentId, actor, "link");
  return {
    ok: true,
    incident,
    recipient: claim.recipient,
    name,
    first: before.times.acknowledged_at === null,
  };
}

async function ackActor(
  deps: CommsDeps,
  recipient: string,
): Promise<{ actor: Actor; name: string }> {
  const [what, id = ""] = recipient.split(":");
  if (what === "person") {
    const plan = await currentPlan(deps.documents).catch(() => undefined);
    const name = plan?.body.team.find((p) => p.id === id)?.name ?? id;
    return { actor: { kind: "person", id, name }, name };
  }
  const name = `channel ${id}`;
  return {
    actor: { kind: "integration", id: recipient, name: `acknowledgement link sent to ${name}` },
    name,
  };
}
