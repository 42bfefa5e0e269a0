import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { createUser, findUser, updateUser } from "../../auth/user.service.js";
import type { Runtime } from "../../runtime.js";
import { requestActor } from "../request-actor.js";
import { NewUserBody, UserPatchBody, UserSchema } from "./identity.schemas.js";

const tags = ["users"];
const Params = z.object({ id: z.string().describe("user id or e-mail address") });

/** Users: admins create, change and disable them. */
export const userRoutes =
  (rt: Runtime): FastifyPluginAsyncZod =>
  async (app) => {
    const config = { permission: "users:admin" as const };

    app.get(
      "/users",
      {
        config,
        schema: {
          tags,
          response: { 200: z.object({ items: z.array(UserSchema), next_cursor: z.null() }) },
        },
      },
      async () => ({ items: await rt.identity.listUsers(), next_cursor: null }),
    );

    app.post(
      "/users",
      { config, schema: { tags, body: NewUserBody, response: { 201: UserSchema } } },
      async (req, reply) =>
        reply.status(201).send(await createUser(rt, req.body, requestActor(req))),
    );

    app.get(
      "/users/:id",
      { config, schema: { tags, params: Params, response: { 200: UserSchema } } },
      async (req) => findUser(rt, req.params.id),
    );

    app.patch(
      "/users/:id",
      {
        config,
        schema: {
          tags,
          description:
            "Change name, role, person, password, or disable. Disabling, a new password or a new role ends the user's sessions; a disabled user's tokens stop working.",
          params: Params,
          body: UserPatchBody,
          response: { 200: UserSchema },
        },
      },
      async (req) => updateUser(rt, req.params.id, req.body, requestActor(req)),
    );
  };
