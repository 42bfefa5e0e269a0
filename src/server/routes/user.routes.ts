import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { createUser, findUser, setOwnTimeZone, updateUser } from "../../auth/user.service.js";
import { users } from "../../contract/users.js";
import { DomainError } from "../../domain/errors.js";
import type { Runtime } from "../../runtime.js";
import { requestPrincipal } from "../access.hook.js";
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
    // Anyone signed in, about themselves; a static path, so `/users/:id` never takes it.
    serve(app, users.updateMe, { tags: ["users"], config: { permission: "self" } }, async (req) => {
      const { user } = requestPrincipal(req);
      if (!user) throw new DomainError("conflict", "the local operator has no account to change");
      return setOwnTimeZone(rt, user, req.body.time_zone);
    });
    serve(app, users.get, admin, async (req) => findUser(rt, req.params.id));
    serve(app, users.update, admin, async (req) =>
      updateUser(rt, req.params.id, req.body, requestActor(req)),
    );
  };
