import { z } from "zod";
import { endpoint, Time } from "./endpoint.js";

/**
 * Role cards and the offline kit: what the plan expects of each person, printable, for the day
 * the systems are down. The card and the kit answer a file (HTML, PDF) or, with
 * `format=bundle`, JSON carrying both (what the CLI writes to disk).
 */

const PersonRef = z.object({ person: z.string().describe("a person id from the plan's team") });

const FileFormat = z.object({ format: z.enum(["html", "pdf", "bundle"]).default("html") });

const CardBundleSchema = z.object({
  person: z.string(),
  html: z.string().describe("the card as one self-contained HTML file"),
  pdf_base64: z.string(),
});

const KitBundleSchema = z.object({
  name: z.string().describe("the file name, without extension"),
  generated_at: Time,
  plan: z.object({ id: z.string(), version: z.number(), hash: z.string() }),
  procedures: z.array(z.object({ id: z.string(), version: z.number(), title: z.string() })),
  people: z.number().describe("how many role cards it holds"),
  html: z.string().describe("the kit as one self-contained HTML file"),
  pdf_base64: z.string(),
});

export const roleCards = {
  list: endpoint({
    method: "GET",
    path: "/role-cards",
    response: z.object({
      items: z.array(z.object({ id: z.string(), name: z.string(), roles: z.array(z.string()) })),
      next_cursor: z.null(),
    }),
  }),
  get: endpoint({
    method: "GET",
    path: "/role-cards/:person",
    description:
      "What the plan expects of one person: roles, on-call, procedure steps, escalation, preparation.",
    params: PersonRef,
    response: z.looseObject({ person: z.looseObject({ id: z.string() }) }),
  }),
  /** The JSON answer is the bundle; `html` (the default) and `pdf` answer the file itself. */
  card: endpoint({
    method: "GET",
    path: "/role-cards/:person/card",
    description:
      "The printable one-page card: self-contained HTML (text/html, the default), PDF (application/pdf), or `bundle` (this JSON with both, for the CLI).",
    params: PersonRef,
    query: FileFormat,
    response: CardBundleSchema,
  }),
  /** The JSON answer is the bundle; `html` (the default) and `pdf` answer the file itself. */
  kit: endpoint({
    method: "GET",
    path: "/kit",
    description:
      "The offline kit: plan, procedures, contacts and role cards as one self-contained HTML file (text/html, the default), a PDF (application/pdf), or `bundle` (this JSON with both, for the CLI).",
    query: FileFormat,
    response: KitBundleSchema,
  }),
};
