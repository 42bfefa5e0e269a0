import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { onboarding } from "../../contract/onboarding.js";
import {
  dismissOnboarding,
  onboardingState,
  resumeOnboarding,
} from "../../preparation/onboarding.service.js";
import type { Runtime } from "../../runtime.js";
import { serve } from "../contract-route.js";
import { requestActor } from "../request-actor.js";

/** The first-run checklist (admins: every step is an admin's work). */
export const onboardingRoutes =
  (rt: Runtime): FastifyPluginAsyncZod =>
  async (app) => {
    const options = { tags: ["onboarding"], config: { permission: "admin" as const } };
    serve(app, onboarding.get, options, async () => onboardingState(rt));
    serve(app, onboarding.dismiss, options, async (req) =>
      dismissOnboarding(rt, requestActor(req)),
    );
    serve(app, onboarding.resume, options, async (req) => resumeOnboarding(rt, requestActor(req)));
  };
