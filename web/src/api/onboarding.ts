import { onboarding } from "../../../src/contract/onboarding";
import { client } from "./client";

/** The first-run checklist's routes, as the pages call them (`src/contract/onboarding.ts`). */

export type { OnboardingView as Onboarding } from "../../../src/contract/onboarding";
export type { OnboardingStepId } from "../../../src/domain/onboarding-step";

export const onboardingApi = {
  get: (signal?: AbortSignal) => client.call(onboarding.get, {}, { signal }),
  dismiss: () => client.call(onboarding.dismiss, {}),
  resume: () => client.call(onboarding.resume, {}),
};
