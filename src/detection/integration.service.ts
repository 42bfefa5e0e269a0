import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { type Actor, describeActor } from "../domain/actor.js";
import type { IntegrationKind } from "../domain/alert.js";
import { DomainError, invalidInput, notFound } from "../domain/errors.js";
import { newRowId } from "../domain/row-id.js";
import type { Integration } from "./alert.types.js";
import type { DetectionDeps } from "./detection.js";
import { parseWebhookMapping } from "./receivers/mapping.js";

/** A new integration key: 32 lowercase hex characters, the length PagerDuty routing keys have. */
export function newIntegrationKey(): string {
  return randomBytes(16).toString("hex");
}

/** Keys are random, so a plain SHA-256 is enough to keep them out of the database. */
export function hashKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

/** Where each kind of integration sends to. */
export function endpointOf(i: Pick<Integration, "id" | "kind">): string {
  if (i.kind === "pagerduty") return "/api/v1/integrations/pagerduty/v2/enqueue";
  if (i.kind === "alertmanager") return "/api/v1/integrations/alertmanager";
  if (i.kind === "grafana") return "/api/v1/integrations/grafana";
  return `/api/v1/integrations/webhook/${i.id}`;
}

/** A new integration, as shown once at creation. */
export interface CreatedIntegration extends Integration {
  /** The key, shown this once; only its hash is stored. */
  key: string;
  endpoint: string;
}

/** Creates an integration with a new key; a webhook needs a valid mapping document. */
export async function createIntegration(
  deps: DetectionDeps,
  input: { kind: IntegrationKind; name: string; mapping?: unknown },
  actor: Actor,
): Promise<CreatedIntegration> {
  let mapping: Record<string, unknown> | null = null;
  if (input.kind === "webhook") {
    if (input.mapping === undefined)
      throw invalidInput("a webhook integration needs a mapping document (title, dedup_key, …)");
    mapping = parseWebhookMapping(input.mapping) as unknown as Record<string, unknown>;
  } else if (input.mapping !== undefined)
    throw invalidInput(`a ${input.kind} integration takes no mapping: its format is fixed`);
  const key = newIntegrationKey();
  const integration: Integration = {
    id: newRowId(),
    kind: input.kind,
    name: input.name,
    key_hint: key.slice(-4),
    mapping,
    created_at: deps.clock.now().toISOString(),
    created_by: describeActor(actor),
    last_received_at: null,
  };
  await deps.detection.integrations.create(integration, hashKey(key));
  return { ...integration, key, endpoint: endpointOf(integration) };
}

/** Deletes an integration; its key stops working at once. */
export async function deleteIntegration(deps: DetectionDeps, id: string): Promise<void> {
  if (!(await deps.detection.integrations.delete(id))) throw notFound("integration", id);
}

const sameHash = (a: string, b: string) => {
  const x = Buffer.from(a, "hex");
  const y = Buffer.from(b, "hex");
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * The integration a presented key belongs to, if it is of the expected kind. The lookup goes
 * through the hash's index (the hash reveals nothing about the key); the stored and computed
 * hashes are then compared in constant time as well. Every receiver authenticates its sender
 * here, so this is where a sender that got through is noted (`last_received_at`), whatever its
 * body then turns out to hold: it tells an admin the monitor reaches Firebreak.
 */
export async function integrationForKey(
  deps: DetectionDeps,
  key: string | undefined,
  kind: IntegrationKind,
  id?: string,
): Promise<Integration | undefined> {
  if (!key) return undefined;
  const hash = hashKey(key);
  const found = id
    ? await deps.detection.integrations.get(id)
    : await deps.detection.integrations.byKeyHash(hash);
  if (!found || found.kind !== kind || !sameHash(found.key_hash, hash)) return undefined;
  const { key_hash: _hash, ...integration } = found;
  const at = deps.clock.now().toISOString();
  await deps.detection.integrations.received(integration.id, at);
  return { ...integration, last_received_at: at };
}

/** As `integrationForKey`, but a missing or wrong key is a 401. */
export async function requireIntegration(
  deps: DetectionDeps,
  key: string | undefined,
  kind: IntegrationKind,
  id?: string,
): Promise<Integration> {
  const found = await integrationForKey(deps, key, kind, id);
  if (!found)
    throw new DomainError(
      "unauthenticated",
      key
        ? `the key is not a ${kind} integration key`
        : `send the ${kind} integration's key as Authorization: Bearer <key>`,
    );
  return found;
}

/** The key from `Authorization: Bearer <key>`, `Basic` (the password), or `X-Firebreak-Key`. */
export function presentedKey(headers: Record<string, unknown>): string | undefined {
  const auth = headers.authorization;
  if (typeof auth === "string") {
    const [scheme, value = ""] = auth.trim().split(/\s+/, 2);
    if (scheme?.toLowerCase() === "bearer") return value;
    if (scheme?.toLowerCase() === "basic") {
      const decoded = Buffer.from(value, "base64").toString("utf8");
      return decoded.slice(decoded.indexOf(":") + 1);
    }
  }
  const header = headers["x-firebreak-key"];
  return typeof header === "string" ? header.trim() : undefined;
}
