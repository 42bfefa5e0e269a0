import type { ChangeLink } from "../../domain/change.js";
import { type ChangeDeps, recordChange } from "../../response/changes.service.js";
import type { DetectionDeps } from "../detection.js";
import { integrationForKey } from "../integration.service.js";

/** PagerDuty Change Events answers, in PagerDuty's own shape (not problem+json). */
export type PagerDutyChangeAnswer =
  | {
      status: 202;
      body: { status: "success"; message: "Change event processed"; dedup_key: string };
    }
  | { status: 400; body: { status: "invalid event"; message: string; errors: string[] } };

interface PagerDutyChange {
  routing_key: string;
  payload: {
    summary: string;
    source?: string;
    timestamp?: string;
    custom_details?: Record<string, unknown>;
  };
  links?: { href: string; text?: string }[];
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const blank = (v: unknown) => typeof v !== "string" || v.trim() === "";

const MAX_LINKS = 50;

/** Problems with a link list. An href is stored as given: readers render only http(s) ones as links. */
function linkProblems(links: unknown): string[] {
  if (links === undefined) return [];
  if (!Array.isArray(links)) return ["'links' must be an array"];
  if (links.length > MAX_LINKS) return [`'links' must have at most ${MAX_LINKS} entries`];
  return links.flatMap((link, i) => {
    if (!isObject(link)) return [`'links[${i}]' must be an object`];
    const errors: string[] = [];
    if (blank(link.href)) errors.push(`'links[${i}].href' is missing or blank`);
    if (link.text !== undefined && typeof link.text !== "string")
      errors.push(`'links[${i}].text' must be a string`);
    return errors;
  });
}

/** Checks a change event against the Change Events API's rules, in PagerDuty's wording style. */
export function pagerDutyChangeProblems(body: unknown): string[] {
  if (!isObject(body)) return ["Event object must be a JSON object"];
  const errors: string[] = [];
  if (blank(body.routing_key)) errors.push("'routing_key' is missing or blank");
  else if ((body.routing_key as string).length !== 32)
    errors.push("'routing_key' must be 32 characters");
  const p = body.payload;
  if (!isObject(p)) errors.push("'payload' is missing or not an object");
  else {
    if (blank(p.summary)) errors.push("'payload.summary' is missing or blank");
    else if ((p.summary as string).length > 1024)
      errors.push("'payload.summary' must be at most 1024 characters");
    if (p.source !== undefined && typeof p.source !== "string")
      errors.push("'payload.source' must be a string");
    if (
      p.timestamp !== undefined &&
      (typeof p.timestamp !== "string" || Number.isNaN(Date.parse(p.timestamp)))
    )
      errors.push("'payload.timestamp' must be an ISO 8601 time");
    if (p.custom_details !== undefined && !isObject(p.custom_details))
      errors.push("'payload.custom_details' must be an object");
  }
  errors.push(...linkProblems(body.links));
  return errors;
}

const invalid = (errors: string[]): PagerDutyChangeAnswer => ({
  status: 400,
  body: { status: "invalid event", message: "Event object is invalid", errors },
});

/**
 * One Change Events API event: the routing key chooses the integration (the same key a service's
 * Events API v2 integration uses for alerts, as in PagerDuty), and the change is stored with the
 * names it touches. PagerDuty answers no dedup key for changes; this answers the stored change's,
 * which senders that read only `status` and `message` ignore.
 */
export async function receivePagerDutyChange(
  deps: DetectionDeps & ChangeDeps,
  body: unknown,
): Promise<PagerDutyChangeAnswer> {
  const problems = pagerDutyChangeProblems(body);
  if (problems.length > 0) return invalid(problems);
  const event = body as PagerDutyChange;
  const integration = await integrationForKey(deps, event.routing_key, "pagerduty");
  if (!integration) return invalid(["Invalid routing key"]);
  const p = event.payload;
  const source = p.source?.trim();
  const links: ChangeLink[] = (event.links ?? []).map((l) => ({
    href: l.href.trim(),
    text: l.text?.trim() || null,
  }));
  const change = await recordChange(deps, {
    integration_id: integration.id,
    summary: p.summary.trim(),
    source: source || null,
    timestamp: p.timestamp ?? null,
    custom_details: p.custom_details ?? null,
    links,
  });
  return {
    status: 202,
    body: { status: "success", message: "Change event processed", dedup_key: change.dedup_key },
  };
}
