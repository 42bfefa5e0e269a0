import { createHash } from "node:crypto";
import { currentPlan } from "../../documents/document.service.js";
import { invalidInput } from "../../domain/errors.js";
import {
  checkJsonLimits,
  findNul,
  formatJsonPath,
  MAX_JSON_DEPTH,
} from "../../domain/json-limits.js";
import type { AlertEntities, Integration } from "../alert.types.js";
import { type DetectionDeps, pipelineDeps } from "../detection.js";
import type { PolicyOutcome } from "../policy/policy.service.js";
import { severityOfSender } from "../severity.js";
import { actionOf, parseWebhookMapping, textAt, valueAt } from "./mapping.js";
import { receiveTransition, receiveTrigger, senderTime } from "./receive.js";

/** What happened to one item of a webhook request. */
export interface WebhookResult {
  index: number;
  dedup_key: string | null;
  action: "opened" | "updated" | "acknowledged" | "resolved" | "ignored" | "rejected";
  alert_id: string | null;
  reason?: string;
}

/**
 * A generic JSON webhook: the integration's mapping document says where the title, dedup key,
 * severity, status and entities are. Each item is handled on its own; items that cannot be
 * mapped are reported and the others kept. Nothing mappable at all is a 400.
 */
export async function receiveWebhook(
  deps: DetectionDeps,
  integration: Integration,
  body: unknown,
): Promise<{ results: WebhookResult[]; incidents: PolicyOutcome[] }> {
  const m = parseWebhookMapping(integration.mapping);
  let items: unknown[] = [body];
  if (m.items !== undefined) {
    const list = valueAt(body, m.items);
    if (!Array.isArray(list))
      throw invalidInput(`mapping.items '${m.items}' is not an array in the body`);
    items = list;
  }
  const plan = (await currentPlan(pipelineDeps(deps).documents)).body;
  const results: WebhookResult[] = [];
  const incidents: PolicyOutcome[] = [];
  for (const [index, item] of items.entries()) {
    // Measured before it is stored (serialising recurses per level): too deep costs only itself.
    const tooMuch = checkJsonLimits(item, MAX_JSON_DEPTH);
    if (tooMuch) {
      results.push({
        index,
        dedup_key: null,
        action: "rejected",
        alert_id: null,
        reason: `item ${tooMuch.reason} (at ${formatJsonPath(tooMuch.path) || "its top"})`,
      });
      continue;
    }
    const nulAt = findNul(item);
    if (nulAt) {
      results.push({
        index,
        dedup_key: null,
        action: "rejected",
        alert_id: null,
        reason: `item contains U+0000 (NUL) (at ${formatJsonPath(nulAt) || "its top"})`,
      });
      continue;
    }
    const title = textAt(item, m.title);
    if (!title) {
      results.push({
        index,
        dedup_key: null,
        action: "rejected",
        alert_id: null,
        reason: `no title at '${m.title}'`,
      });
      continue;
    }
    const dedupKey = (
      textAt(item, m.dedup_key) ?? createHash("sha256").update(title).digest("hex").slice(0, 32)
    ).slice(0, 255);
    const status = textAt(item, m.status);
    const action = actionOf(m, status);
    if (!action) {
      results.push({
        index,
        dedup_key: dedupKey,
        action: "rejected",
        alert_id: null,
        reason: `unknown status '${status}' (add it to status_map)`,
      });
      continue;
    }
    if (action !== "trigger") {
      const alert = await receiveTransition(deps, integration, dedupKey, action);
      results.push({
        index,
        dedup_key: dedupKey,
        action: alert ? (action === "resolve" ? "resolved" : "acknowledged") : "ignored",
        alert_id: alert?.id ?? null,
      });
      continue;
    }
    const rawSeverity = textAt(item, m.severity);
    const mapped =
      rawSeverity !== undefined ? (m.severity_map?.[rawSeverity] ?? rawSeverity) : undefined;
    const entities: AlertEntities = {};
    for (const k of ["host", "user", "source_ip", "destination_ip"] as const) {
      const v = textAt(item, m.entities?.[k]);
      if (v) entities[k] = v;
    }
    const now = deps.clock.now().toISOString();
    const received = await receiveTrigger(deps, {
      scope: integration.id,
      dedup_key: dedupKey,
      source: "webhook",
      rule_id: null,
      integration_id: integration.id,
      title: title.slice(0, 1024),
      severity: severityOfSender(plan, mapped),
      level: rawSeverity ?? null,
      entities,
      tags: [],
      payload:
        typeof item === "object" && item !== null
          ? (item as Record<string, unknown>)
          : { value: item },
      count: 1,
      first_seen: senderTime(textAt(item, m.timestamp), now),
      last_seen: now,
      status: "open",
      event_ids: [],
    });
    incidents.push(...received.incidents);
    results.push({
      index,
      dedup_key: dedupKey,
      action: received.created ? "opened" : "updated",
      alert_id: received.alert.id,
    });
  }
  if (results.length > 0 && results.every((r) => r.action === "rejected"))
    throw invalidInput(
      "no item could be mapped to an alert",
      results.map((r) => ({ message: r.reason ?? "rejected", path: `items[${r.index}]` })),
    );
  return { results, incidents };
}
