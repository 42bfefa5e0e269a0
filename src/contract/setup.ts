import { z } from "zod";
import { endpoint } from "./endpoint.js";
import { session } from "./session.js";

/** First start: while no user exists, the setup code the server printed creates the first admin. */

const SetupBody = z.object({
  code: z.string().min(1).max(100).describe("the one-time setup code the server printed"),
  email: z.string().min(3).max(254),
  name: z.string().min(1).max(200),
  password: z.string().min(1).max(1024),
});

export const setup = {
  status: endpoint({
    method: "GET",
    path: "/setup",
    summary: "Whether Firebreak still needs its first admin",
    response: z.object({ needed: z.boolean().describe("true while no user exists") }),
  }),
  complete: endpoint({
    method: "POST",
    path: "/setup",
    summary: "Create the first admin with the setup code",
    description:
      "Only while no user exists (409 afterwards). Checks the one-time setup code the server printed at start (or `firebreak setup-code` prints), creates an admin, voids the code and signs in exactly as `POST /session` does. A wrong code is 403; failures are limited like sign-in (429 with Retry-After).",
    body: SetupBody,
    response: session.signIn.response,
    status: 201,
  }),
};

export type SetupInput = z.input<typeof SetupBody>;
