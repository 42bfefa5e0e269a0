import { randomBytes } from "node:crypto";
import { currentPlan } from "../../documents/document.service.js";
import { type DetectionDeps, pipelineDeps } from "../detection.js";
import { integrationForKey } from "../integration.service.js";
import { severityOfSender } from "../severity.js";
import { receiveTransition, receiveTrigger, senderTime } from "./receive.js";

/** PagerDuty Events API v2 answers, in PagerDuty's own shape (not problem+json). */
export type PagerDutyAnswer =
  | { status: 202; body: { status: "success"; message: "Event processed"; dedup_key: string } }
  | { status: 400; body: { status: "invalid event"; message: string; errors: string[] } };

const SEVERITIES = ["critical", "error", "warning", "info"];
const ACTIONS = ["trigger", "acknowledge", "resolve"];

interface PagerDutyEvent {
  routing_key: string;
  event_action: "trigger" | "acknowledge" | "resolve";
  dedup_key?: string;
  payload?: {
    summary: string;
    source: string;
    severity: string;
    timestamp?: string;
    component?: string;
    group?: string;
    class?: string;
    custom_details?: unknown;
  };
  [extra: string]: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const blank = (v: unknown) => typeof v !== "string" || v.trim() === "";

/** Checks an event against the Events API v2 rules; each problem in PagerDuty's wording style. */
export function pagerDutyProblems(body: unknown): string[] {
  if (!isObject(body)) return ["Event object must be a JSON object"];
  const errors: string[] = [];
  if (blank(body.routing_key)) errors.push("'routing_key' is missing or blank");
  else if ((body.routing_key as string).length !== 32)
    errors.push("'routing_key' must be 32 characters");
  if (!ACTIONS.includes(body.event_action as string))
    errors.push("'event_action' must be one of trigger, acknowledge, resolve");
  if (body.dedup_key !== undefined) {
    if (typeof body.dedup_key !== "string") errors.push("'dedup_key' must be a string");
    else if (body.dedup_key.length > 255) errors.push("'dedup_key' must be at most 255 characters");
  }
  const action = body.event_action;
  if ((action === "acknowledge" || action === "resolve") && blank(body.dedup_key))
    errors.push(`'dedup_key' is required to ${action}`);
  if (action === "trigger") {
    const p = body.payload;
    if (!isObject(p)) errors.push("'payload' is missing or not an object");
    else {
      if (blank(p.summary)) errors.push("'payload.summary' is missing or blank");
      else if ((p.summary as string).length > 1024)
        errors.push("'payload.summary' must be at most 1024 characters");
      if (blank(p.source)) errors.push("'payload.source' is missing or blank");
      if (!SEVERITIES.includes(p.severity as string))
        errors.push("'payload.severity' must be one of critical, error, warning, info");
      if (
        p.timestamp !== undefined &&
        (typeof p.timestamp !== "string" || Number.isNaN(Date.parse(p.timestamp)))
      )
        errors.push("'payload.timestamp' must be an ISO 8601 time");
      for (const f of ["component", "group", "class"])
        if (p[f] !== undefined && typeof p[f] !== "string")
          errors.push(`'payload.${f}' must be a string`);
      if (p.custom_details !== undefined && !isObject(p.custom_details))
        errors.push("'payload.custom_details' must be an object");
    }
  }
  for (const f of ["links", "images"])
    if (body[f] !== undefined && !Array.isArray(body[f])) errors.push(`'${f}' must be an array`);
  return errors;
}

const invalid = (errors: string[]): PagerDutyAnswer => ({
  status: 400,
  body: { status: "invalid event", message: "Event object is invalid", errors },
});

/**
 * One Events API v2 event: the routing key chooses the integration; a trigger sights the alert
 * with its dedup key (repeats update it and count), acknowledge and resolve change the live
 * alert's state or are dropped when there is none.
 */
export async function receivePagerDuty(
  deps: DetectionDeps,
  body: unknown,
): Promise<PagerDutyAnswer> {
  const problems = pagerDutyProblems(body);
  if (problems.length > 0) return invalid(problems);
  const event = body as PagerDutyEvent;
  const integration = await integrationForKey(deps, event.routing_key, "pagerduty");
  if (!integration) return invalid(["Invalid routing key"]);
  if (event.event_action !== "trigger") {
    await receiveTransition(deps, integration, event.dedup_key as string, event.event_action);
    return accepted(event.dedup_key as string);
  }
  // Without a key every trigger opens its own alert.
  const dedupKey = blank(event.dedup_key)
    ? randomBytes(16).toString("hex")
    : (event.dedup_key as string);
  const p = event.payload as NonNullable<PagerDutyEvent["payload"]>;
  const plan = (await currentPlan(pipelineDeps(deps).documents)).body;
  const now = deps.clock.now().toISOString();
  const { routing_key: _secret, ...kept } = event;
  await receiveTrigger(deps, {
    scope: integration.id,
    dedup_key: dedupKey,
    source: "pagerduty",
    rule_id: null,
    integration_id: integration.id,
    title: p.summary,
    severity: severityOfSender(plan, p.severity),
    level: p.severity,
    entities: { host: p.source },
    tags: (["class", "component", "group"] as const)
      .filter((f) => typeof p[f] === "string")
      .map((f) => `${f}=${p[f]}`),
    payload: { ...kept, dedup_key: dedupKey },
    count: 1,
    first_seen: senderTime(p.timestamp, now),
    last_seen: now,
    status: "open",
    event_ids: [],
  });
  return accepted(dedupKey);
}

const accepted = (dedupKey: string): PagerDutyAnswer => ({
  status: 202,
  body: { status: "success", message: "Event processed", dedup_key: dedupKey },
});
