import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
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
import { FormatQuery } from "./preparation.schemas.js";

const tags = ["role cards"];
const Params = z.object({ person: z.string().describe("a person id from the plan's team") });
const HTML = "text/html; charset=utf-8";

/** Role cards (JSON, printable HTML, PDF) and the offline kit (one HTML file, PDF). */
export const roleCardRoutes =
  (rt: Runtime): FastifyPluginAsyncZod =>
  async (app) => {
    const read = { permission: "documents:read" as const };

    app.get(
      "/role-cards",
      {
        config: read,
        schema: {
          tags,
          response: {
            200: z.object({
              items: z.array(
                z.object({ id: z.string(), name: z.string(), roles: z.array(z.string()) }),
              ),
              next_cursor: z.null(),
            }),
          },
        },
      },
      async () => ({ items: await listRoleCards(rt), next_cursor: null }),
    );

    app.get(
      "/role-cards/:person",
      {
        config: read,
        schema: {
          tags,
          description:
            "What the plan expects of one person: roles, on-call, procedure steps, escalation, preparation.",
          params: Params,
          response: { 200: z.looseObject({ person: z.looseObject({ id: z.string() }) }) },
        },
      },
      async (req) => getRoleCard(rt, req.params.person),
    );

    app.get(
      "/role-cards/:person/card",
      {
        config: read,
        schema: {
          tags,
          description:
            "The printable one-page card: self-contained HTML, PDF, or `bundle` (JSON with both, for the CLI).",
          params: Params,
          querystring: FormatQuery(["html", "pdf", "bundle"], "html"),
        },
      },
      async (req, reply) => {
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
      },
    );

    app.get(
      "/kit",
      {
        config: read,
        schema: {
          tags,
          description:
            "The offline kit: plan, procedures, contacts and role cards as one self-contained HTML file, a PDF, or `bundle` (JSON with both, for the CLI).",
          querystring: FormatQuery(["html", "pdf", "bundle"], "html"),
        },
      },
      async (req, reply) => {
        const kit = await buildKit(rt);
        const name = `firebreak-kit-${kit.generated_at.slice(0, 10)}`;
        if (req.query.format === "bundle")
          return {
            name,
            generated_at: kit.generated_at,
            plan: { id: kit.plan.id, version: kit.plan.version, hash: kit.plan.hash },
            procedures: kit.procedures.map((p) => ({
              id: p.id,
              version: p.version,
              title: p.title,
            })),
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
      },
    );
  };
