import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Runtime } from "../../runtime.js";
import { exerciseRoutes } from "./exercise.routes.js";
import { planReviewRoutes } from "./plan-review.routes.js";
import { preparationRoutes } from "./preparation.routes.js";
import { roleCardRoutes } from "./role-card.routes.js";

/**
 * The Preparation phase's API in one plugin: the readiness programme and score, plan approval,
 * role cards and the offline kit, exercises and their runs (docs/preparation.md).
 */
export const preparationApi =
  (rt: Runtime): FastifyPluginAsyncZod =>
  async (app) => {
    await app.register(preparationRoutes(rt));
    await app.register(planReviewRoutes(rt));
    await app.register(roleCardRoutes(rt));
    await app.register(exerciseRoutes(rt));
  };
