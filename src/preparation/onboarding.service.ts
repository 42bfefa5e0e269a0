import { audit } from "../audit/audit.service.js";
import type { AuditStore } from "../audit/audit.types.js";
import type { IdentityStore } from "../auth/identity.types.js";
import { undeliverableChannels } from "../comms/channels/deliverability.js";
import type { Env } from "../comms/channels/target.js";
import type { Config } from "../config.js";
import { currentPlan } from "../documents/document.service.js";
import type { DocumentStore } from "../documents/document.types.js";
import type { PlanDocument } from "../documents/plan.schema.js";
import { type Actor, describeActor } from "../domain/actor.js";
import type { Clock } from "../domain/clock.js";
import { type Onboarding, onboarding } from "./onboarding.js";
import type { SettingsStore } from "./settings.types.js";

/** What the checklist is gathered from; a `Runtime` has all of it. */
export interface OnboardingDeps {
  documents: DocumentStore;
  identity: Pick<IdentityStore, "countUsers">;
  settings: SettingsStore;
  audit: AuditStore;
  clock: Clock;
  config: Pick<Config, "smtpUrl" | "egressAllow">;
  env: Env;
}

/** The settings key of the checklist's dismissal. */
const DISMISSED = "onboarding.dismissed";

type Dismissal = { at: string; by: string };

/** The first-run checklist as it stands now (nothing is written). */
export async function onboardingState(deps: OnboardingDeps): Promise<Onboarding> {
  const inForce = await currentPlan(deps.documents);
  const [newest = inForce] = await deps.documents.versions("plan", inForce.id);
  const body = newest.body as PlanDocument;
  const dismissed = await deps.settings.get<Dismissal>(DISMISSED);
  return onboarding({
    newest: { id: newest.id, version: newest.version, body },
    inForce: { id: inForce.id, version: inForce.version, body: inForce.body },
    users: await deps.identity.countUsers(),
    undeliverable: undeliverableChannels(body, { ...deps.config, env: deps.env }),
    dismissed: dismissed?.value,
  });
}

/** Hides the checklist from the dashboard and the navigation until it is resumed. */
export async function dismissOnboarding(deps: OnboardingDeps, actor: Actor): Promise<Onboarding> {
  const at = deps.clock.now().toISOString();
  const by = describeActor(actor);
  await deps.settings.put<Dismissal>({
    key: DISMISSED,
    value: { at, by },
    updated_at: at,
    updated_by: by,
  });
  await audit(deps, { actor, action: "onboarding.dismiss", target: DISMISSED });
  return onboardingState(deps);
}

/** Shows the checklist again. */
export async function resumeOnboarding(deps: OnboardingDeps, actor: Actor): Promise<Onboarding> {
  await deps.settings.clear(DISMISSED);
  await audit(deps, { actor, action: "onboarding.resume", target: DISMISSED });
  return onboardingState(deps);
}
