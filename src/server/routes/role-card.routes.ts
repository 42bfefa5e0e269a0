import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { roleCards } from "../../contract/role-cards.js";
import {
  buildKit,
  getRoleCard,
  kitPdf,
  listRoleCards,
  renderKitHtml,
  renderRoleCardHtml,
  roleCardPdf,
} from "../../preparation/kit.service.js";
import type { Runtime } from "../../runtime.js";
import { serve } from "../contract-route.js";

const HTML = "text/html; charset=utf-8";

/**
 * Role cards (JSON, printable HTML, PDF) and the offline kit (one HTML file, PDF). The files are
 * sent as they are; only the JSON answers go through the endpoint's response schema.
 */
export const roleCardRoutes =
  (rt: Runtime): FastifyPluginAsyncZod =>
  async (app) => {
    const read = { tags: ["role cards"], config: { permission: "documents:read" as const } };

    serve(app, roleCards.list, read, async () => ({
      items: await listRoleCards(rt),
      next_cursor: null,
    }));

    serve(app, roleCards.get, read, async (req) => getRoleCard(rt, req.params.person));

    serve(app, roleCards.card, read, async (req, reply) => {
      const card = await getRoleCard(rt, req.params.person);
      if (req.query.format === "bundle")
        return {
          person: card.person.id,
          html: renderRoleCardHtml(card),
          pdf_base64: (await roleCardPdf(card)).toString("base64"),
        };
      if (req.query.format === "pdf")
        return reply
          .type("application/pdf")
          .header("content-disposition", `inline; filename="role-card-${card.person.id}.pdf"`)
          .send(await roleCardPdf(card));
      return reply.type(HTML).send(renderRoleCardHtml(card));
    });

    serve(app, roleCards.kit, read, async (req, reply) => {
      const kit = await buildKit(rt);
      const name = `firebreak-kit-${kit.generated_at.slice(0, 10)}`;
      if (req.query.format === "bundle")
        return {
          name,
          generated_at: kit.generated_at,
          plan: { id: kit.plan.id, version: kit.plan.version, hash: kit.plan.hash },
          procedures: kit.procedures.map((p) => ({ id: p.id, version: p.version, title: p.title })),
          people: kit.cards.length,
          html: renderKitHtml(kit),
          pdf_base64: (await kitPdf(kit)).toString("base64"),
        };
      if (req.query.format === "pdf")
        return reply
          .type("application/pdf")
          .header("content-disposition", `attachment; filename="${name}.pdf"`)
          .send(await kitPdf(kit));
      return reply
        .type(HTML)
        .header("content-disposition", `attachment; filename="${name}.html"`)
        .send(renderKitHtml(kit));
    });
  };
