import { type Actor, describeActor } from "../../domain/actor.js";
import type { Alert, AlertSighting, Integration } from "../alert.types.js";
import type { DetectionDeps } from "../detection.js";
import { evaluatePolicies, type PolicyOutcome } from "../policy/policy.service.js";
import { applySuppressions } from "../suppression.js";

/** The actor behind changes an external monitor makes. */
export const integrationActor = (i: Integration): Actor => ({
  kind: "integration",
  id: i.id,
  name: i.name,
});

/** What a sender's trigger did. */
export interface Received {
  alert: Alert;
  created: boolean;
  incidents: PolicyOutcome[];
}

/**
 * Stores a sender's trigger as a sighting of its key (new alert, or count + 1 on the live one),
 * then lets the declaration policies look at it.
 */
export async function receiveTrigger(
  deps: DetectionDeps,
  sighting: AlertSighting,
): Promise<Received> {
  const now = deps.clock.now().toISOString();
  applySuppressions([sighting], await deps.detection.suppressions.active(now));
  const { alert, created } = await deps.detection.alerts.sight(sighting, now);
  const incidents = await evaluatePolicies(deps, [alert]);
  return { alert, created, incidents };
}

/**
 * Applies a sender's acknowledge or resolve to the live alert with its key. Without one (never
 * triggered, or already resolved) the event is dropped, as PagerDuty does: undefined. `at` is
 * when it happened if the sender says so (Alertmanager's `endsAt`), otherwise now.
 */
export async function receiveTransition(
  deps: DetectionDeps,
  integration: Integration,
  dedupKey: string,
  action: "acknowledge" | "resolve",
  at?: string,
): Promise<Alert | undefined> {
  const live = await deps.detection.alerts.live(integration.id, dedupKey);
  if (!live) return undefined;
  const now = deps.clock.now().toISOString();
  const when = at ?? now;
  const by = describeActor(integrationActor(integration));
  const changed =
    action === "resolve"
      ? await deps.detection.alerts.update(
          live.id,
          { status: "resolved", resolved_at: when, status_by: by },
          now,
          ["open", "acknowledged", "suppressed"],
        )
      : await deps.detection.alerts.update(
          live.id,
          { status: "acknowledged", acknowledged_at: when, status_by: by },
          now,
          ["open", "suppressed"],
        );
  if (changed && action === "resolve") deps.detection.windows.forget([live.id]);
  return (await deps.detection.alerts.get(live.id)) ?? live;
}

/** A sender's time if it is a usable one (not in the future, not Alertmanager's zero time). */
export function senderTime(value: unknown, now: string): string {
  if (typeof value !== "string") return now;
  const t = Date.parse(value);
  if (Number.isNaN(t) || t <= 0) return now;
  const iso = new Date(t).toISOString();
  return iso > now ? now : iso;
}

/** `10.0.0.5:9100` → `10.0.0.5`, `[::1]:9100` → `::1`, `web-1:9100` → `web-1`. */
export function hostOfInstance(instance: string): string {
  const v6 = /^\[([^\]]+)\](?::\d+)?$/.exec(instance);
  if (v6) return v6[1] as string;
  return instance.replace(/:\d+$/, "");
}
