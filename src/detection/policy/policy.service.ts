import type {
  DeclarationPolicyDocument,
  PolicyRule,
} from "../../documents/declaration-policy.schema.js";
import { currentPlan } from "../../documents/document.service.js";
import type { PlanDocument } from "../../documents/plan.schema.js";
import type { Actor } from "../../domain/actor.js";
import { durationMs } from "../../domain/duration.js";
import { attachAlerts, declareFromAlerts } from "../alert.service.js";
import type { Alert, AlertDetail } from "../alert.types.js";
import { type DetectionDeps, pipelineDeps } from "../detection.js";
import { alertMatches, entityValues, fillTitle } from "./policy-match.js";
import { DeclarationWindows } from "./window.js";

/** What a declaration policy did with alerts. */
export interface PolicyOutcome {
  action: "declared" | "attached" | "failed";
  policy: string;
  rule: string | null;
  alert_ids: string[];
  incident_id: string | null;
  human_id: string | null;
  /** Why declaring failed (the alerts stay in the triage queue). */
  reason?: string;
}

/** A group window's key; an exercise run's alerts are grouped apart from real ones. */
const windowKey = (policy: string, rule: string, kind: string, value: string, a: Alert) =>
  `${a.exercise_run_id ? `exercise:${a.exercise_run_id}/` : ""}${policy}/${rule}/${kind}=${value}`;

const isCandidate = (a: Alert) =>
  (a.status === "open" || a.status === "acknowledged") && a.incident_id === null;

const policyActor = (p: DeclarationPolicyDocument, r?: PolicyRule): Actor => ({
  kind: "rule",
  id: `policy:${p.id}${r ? `/${r.id}` : ""}`,
  name: p.title,
});

/**
 * Runs the declaration policies over alerts that were just raised or updated, one evaluation at
 * a time in this process (on PostgreSQL, on every node of the database). For each undeclared
 * alert: attach it to an incident in progress about the same entity, else try the policy's rules
 * in order — a rule without a group declares at once, a group rule adds the alert to its entity's
 * window and declares one incident for all the alerts in it once there are enough. Alerts nothing
 * fires on wait in the triage queue.
 */
export function evaluatePolicies(given: DetectionDeps, alerts: Alert[]): Promise<PolicyOutcome[]> {
  const deps = pipelineDeps(given);
  const candidates = alerts.filter(isCandidate);
  if (candidates.length === 0) return Promise.resolve([]);
  const cluster = deps.detection.cluster;
  return deps.detection.serial(() =>
    cluster
      ? // Several nodes: one evaluation at a time on the whole database, over windows read afresh
        // from the alerts every node has stored (ingestion stores before it evaluates).
        cluster.exclusive(DECLARATION_LOCK, async () =>
          evaluate(deps, await stillCandidates(deps, candidates), new DeclarationWindows()),
        )
      : evaluate(deps, candidates, deps.detection.windows),
  );
}

/** The cluster-wide lock declaration decisions take turns under on PostgreSQL. */
const DECLARATION_LOCK = "declaration-policies";

/** The alerts as they are now: another node may have declared some while this one waited. */
async function stillCandidates(deps: DetectionDeps, alerts: Alert[]): Promise<Alert[]> {
  const now = await Promise.all(alerts.map((a) => deps.detection.alerts.get(a.id)));
  return now.filter((a): a is AlertDetail => a !== undefined && isCandidate(a));
}

async function evaluate(
  deps: DetectionDeps,
  candidates: Alert[],
  windows: DeclarationWindows,
): Promise<PolicyOutcome[]> {
  const policies = (await deps.documents.current("declaration_policy"))
    .map((d) => d.body as DeclarationPolicyDocument)
    .sort((a, b) => a.id.localeCompare(b.id));
  if (policies.length === 0) return [];
  const plan = (await currentPlan(deps.documents)).body;
  await hydrate(deps, windows, policies, plan);
  const outcomes: PolicyOutcome[] = [];
  const handled = new Set<string>();
  for (const alert of candidates.sort((a, b) => a.last_seen.localeCompare(b.last_seen))) {
    if (handled.has(alert.id)) continue;
    for (const policy of policies) {
      const outcome = await applyPolicy(deps, windows, policy, plan, alert);
      if (!outcome) continue;
      outcomes.push(outcome);
      for (const id of outcome.alert_ids) handled.add(id);
      break;
    }
  }
  return outcomes;
}

async function applyPolicy(
  deps: DetectionDeps,
  windows: DeclarationWindows,
  policy: DeclarationPolicyDocument,
  plan: PlanDocument,
  alert: Alert,
): Promise<PolicyOutcome | undefined> {
  if (policy.attach.to_open_incidents) {
    const e = alert.entities;
    const want = new Set(policy.attach.entities);
    const incidentId = await deps.detection.alerts.openIncidentFor({
      ...(want.has("host") && e.host ? { host: e.host } : {}),
      ...(want.has("user") && e.user ? { user: e.user } : {}),
      ...(want.has("ip") && e.source_ip ? { ip: e.source_ip } : {}),
      exerciseRunId: alert.exercise_run_id,
    });
    if (incidentId)
      return attempt(policy, null, [alert], async () => {
        const incident = await attachAlerts(deps, [alert.id], incidentId, policyActor(policy));
        return { action: "attached", incident };
      });
  }
  for (const rule of policy.rules) {
    if (!alertMatches(rule.match, alert, plan)) continue;
    if (!rule.group)
      return declare(deps, policy, rule, [alert], alert.entities.host ?? alert.entities.user ?? "");
    const within = durationMs(rule.group.within);
    for (const { kind, value } of entityValues(alert, rule.group.by)) {
      const members = windows.add(windowKey(policy.id, rule.id, kind, value, alert), alert, within);
      if (members.length >= rule.group.count) return declare(deps, policy, rule, members, value);
    }
  }
  return undefined;
}

function declare(
  deps: DetectionDeps,
  policy: DeclarationPolicyDocument,
  rule: PolicyRule,
  members: Alert[],
  entity: string,
): Promise<PolicyOutcome> {
  const ordered = [...members].sort((a, b) => a.first_seen.localeCompare(b.first_seen));
  const first = ordered[0] as Alert;
  const template =
    rule.declare.title ?? (rule.group ? "{count} alerts on {entity}: {title}" : "{title}");
  const title = fillTitle(template, {
    title: first.title,
    entity: entity || "unknown entity",
    count: ordered.length,
  });
  return attempt(policy, rule, ordered, async () => {
    const incident = await declareFromAlerts(
      deps,
      ordered.map((a) => a.id),
      {
        type: rule.declare.type,
        ...(rule.declare.severity ? { severity: rule.declare.severity } : {}),
        title,
        description: `Declared by policy ${policy.id}, rule ${rule.id}${rule.description ? `: ${rule.description}` : ""}`,
      },
      policyActor(policy, rule),
    );
    return { action: "declared", incident };
  });
}

/** Runs a declaration or attachment; a failure leaves the alerts in triage and says why. */
async function attempt(
  policy: DeclarationPolicyDocument,
  rule: PolicyRule | null,
  alerts: Alert[],
  work: () => Promise<{
    action: "declared" | "attached";
    incident: { id: string; human_id: string };
  }>,
): Promise<PolicyOutcome> {
  const base = { policy: policy.id, rule: rule?.id ?? null, alert_ids: alerts.map((a) => a.id) };
  try {
    const { action, incident } = await work();
    return { ...base, action, incident_id: incident.id, human_id: incident.human_id };
  } catch (e) {
    return {
      ...base,
      action: "failed",
      incident_id: null,
      human_id: null,
      reason: (e as Error).message,
    };
  }
}

/**
 * Empty windows (after a restart; on every evaluation with several nodes) are filled with the
 * undeclared alerts seen within the longest window, without declaring (the next alert on the
 * entity decides).
 */
async function hydrate(
  deps: DetectionDeps,
  windows: DeclarationWindows,
  policies: DeclarationPolicyDocument[],
  plan: PlanDocument,
) {
  if (windows.hydrated) return;
  windows.hydrated = true;
  const groups = policies.flatMap((p) => p.rules.filter((r) => r.group).map((r) => ({ p, r })));
  if (groups.length === 0) return;
  const longest = Math.max(...groups.map(({ r }) => durationMs(r.group?.within ?? "PT0S")));
  const since = new Date(deps.clock.now().getTime() - longest).toISOString();
  for (const alert of await deps.detection.alerts.undeclaredSince(since))
    for (const { p, r } of groups)
      if (r.group && alertMatches(r.match, alert, plan))
        for (const { kind, value } of entityValues(alert, r.group.by))
          windows.add(windowKey(p.id, r.id, kind, value, alert), alert, durationMs(r.group.within));
}
