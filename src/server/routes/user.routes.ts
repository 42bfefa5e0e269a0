import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { createUser, findUser, updateUser } from "../../auth/user.service.js";
import { users } from "../../contract/users.js";
import type { Runtime } from "../../runtime.js";
import { serve } from "../contract-route.js";
import { requestActor } from "../request-actor.js";

/** Users: admins create, change and disable them. */
export const userRoutes =
  (rt: Runtime): FastifyPluginAsyncZod =>
  async (app) => {
    const admin = { tags: ["users"], config: { permission: "users:admin" as const } };

    serve(app, users.list, admin, async () => ({
      items: await rt.identity.listUsers(),
      next_cursor: null,
    }));
    serve(app, users.create, admin, async (req) => createUser(rt, req.body, requestActor(req)));
    serve(app, users.get, admin, async (req) => findUser(rt, req.params.id));
    serve(app, users.update, admin, async (req) =>
      updateUser(rt, req.params.id, req.body, requestActor(req)),
    );
  };
