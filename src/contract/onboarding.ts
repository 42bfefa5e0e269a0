import { z } from "zod";
import { ONBOARDING_STEPS } from "../domain/onboarding-step.js";
import { endpoint, Time } from "./endpoint.js";

/** The first-run checklist: what still makes this deployment run on the built-in example. */

const StepSchema = z.object({
  id: z.enum(ONBOARDING_STEPS),
  title: z.string(),
  done: z.boolean(),
  detail: z.string().describe("where things stand, one line"),
  href: z.string().describe("the web page where the step is done"),
  optional: z.boolean().describe("not needed for the checklist to be complete"),
});

export const OnboardingSchema = z.object({
  steps: z.array(StepSchema),
  done: z.number().int().describe("steps done, of all of them"),
  complete: z.boolean().describe("every step that is not optional is done"),
  dismissed_at: Time.nullable(),
  dismissed_by: z.string().nullable(),
});

export type OnboardingView = z.infer<typeof OnboardingSchema>;

export const onboarding = {
  get: endpoint({
    method: "GET",
    path: "/onboarding",
    description:
      "The first-run checklist, decided from the newest plan version, the one in force, the users and the channels that cannot deliver.",
    response: OnboardingSchema,
  }),
  dismiss: endpoint({
    method: "POST",
    path: "/onboarding/dismiss",
    description: "Hide the checklist from the dashboard and the navigation (for every admin).",
    response: OnboardingSchema,
  }),
  resume: endpoint({
    method: "POST",
    path: "/onboarding/resume",
    description: "Show the checklist again.",
    response: OnboardingSchema,
  }),
};
