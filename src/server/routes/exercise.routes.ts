import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { StoredDocument } from "../../documents/document.types.js";
import { notFound } from "../../domain/errors.js";
import { cancelRun, finishRun } from "../../preparation/exercise/finish.js";
import { exerciseReport } from "../../preparation/exercise/report.js";
import {
  answerQuestion,
  declareForRun,
  listRuns,
  startRun,
} from "../../preparation/exercise/run.service.js";
import { runView } from "../../preparation/exercise/run-view.js";
import { renderReport } from "../../reports/report.service.js";
import { MEDIA_TYPES } from "../../reports/report.types.js";
import type { Runtime } from "../../runtime.js";
import { requestActor } from "../request-actor.js";
import {
  AnswerBody,
  DeclareBody,
  FormatQuery,
  RunSchema,
  StartRunBody,
} from "./preparation.schemas.js";

const tags = ["exercises"];
const RunParams = z.object({
  run: z.string().describe("run id or human id such as RUN-2026-0001"),
});
const ExerciseSummary = z.object({
  id: z.string(),
  version: z.number(),
  title: z.string(),
  format: z.enum(["drill", "tabletop"]),
  summary: z.string().nullable(),
  expected: z.object({ incident_type: z.string(), severity: z.string() }),
  duration: z.string(),
  injects: z.number(),
});

const summary = (d: StoredDocument<"exercise">) => ({
  id: d.id,
  version: d.version,
  title: d.title,
  format: d.body.format,
  summary: d.body.summary ?? null,
  expected: d.body.expected,
  duration: d.body.duration,
  injects: d.body.injects.length,
});

/** Exercises (documents) and their runs: start, answer, declare, finish, the report. */
export const exerciseRoutes =
  (rt: Runtime): FastifyPluginAsyncZod =>
  async (app) => {
    const read = { permission: "incidents:read" as const };
    const write = { permission: "incidents:write" as const };

    app.get(
      "/exercises",
      {
        config: { permission: "documents:read" },
        schema: {
          tags,
          response: { 200: z.object({ items: z.array(ExerciseSummary), next_cursor: z.null() }) },
        },
      },
      async () => ({
        items: ((await rt.documents.current("exercise")) as StoredDocument<"exercise">[]).map(
          summary,
        ),
        next_cursor: null,
      }),
    );

    app.get(
      "/exercises/:id",
      {
        config: { permission: "documents:read" },
        schema: {
          tags,
          description: "The exercise document (its answers included: for facilitators).",
          params: z.object({ id: z.string() }),
          response: {
            200: ExerciseSummary.extend({
              body: z.record(z.string(), z.unknown()),
              source: z.string(),
            }),
          },
        },
      },
      async (req) => {
        const doc = (await rt.documents.current("exercise")).find((d) => d.id === req.params.id) as
          | StoredDocument<"exercise">
          | undefined;
        if (!doc) throw notFound("exercise", req.params.id);
        return {
          ...summary(doc),
          body: doc.body as unknown as Record<string, unknown>,
          source: doc.source,
        };
      },
    );

    app.post(
      "/exercises/:id/runs",
      {
        config: write,
        schema: {
          tags,
          description:
            "Starts a run: injects are replayed on schedule (time compressed by speed) through the real pipeline; what they declare is an exercise incident.",
          params: z.object({ id: z.string() }),
          body: StartRunBody,
          response: { 201: RunSchema },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await startRun(rt, req.params.id, req.body, requestActor(req))),
    );

    app.get(
      "/exercise-runs",
      {
        config: read,
        schema: {
          tags,
          querystring: z.object({
            status: z.enum(["running", "finished", "cancelled"]).optional(),
            limit: z.coerce.number().int().min(1).max(500).default(50),
          }),
          response: { 200: z.object({ items: z.array(RunSchema), next_cursor: z.null() }) },
        },
      },
      async (req) => ({ items: await listRuns(rt, req.query), next_cursor: null }),
    );

    app.get(
      "/exercise-runs/:run",
      { config: read, schema: { tags, params: RunParams, response: { 200: RunSchema } } },
      async (req) => runView(rt, req.params.run),
    );

    app.post(
      "/exercise-runs/:run/answers",
      {
        config: write,
        schema: { tags, params: RunParams, body: AnswerBody, response: { 201: RunSchema } },
      },
      async (req, reply) =>
        reply
          .status(201)
          .send(await answerQuestion(rt, req.params.run, req.body, requestActor(req))),
    );

    app.post(
      "/exercise-runs/:run/incident",
      {
        config: write,
        schema: {
          tags,
          description: "Declares the run's exercise incident by hand, or links an existing one.",
          params: RunParams,
          body: DeclareBody,
          response: { 201: RunSchema },
        },
      },
      async (req, reply) =>
        reply
          .status(201)
          .send(await declareForRun(rt, req.params.run, req.body, requestActor(req))),
    );

    app.post(
      "/exercise-runs/:run/finish",
      {
        config: write,
        schema: {
          tags,
          description: "Ends the run now and scores it; gaps become action items.",
          params: RunParams,
          body: z.object({ reason: z.string().max(500).optional() }).optional(),
          response: { 200: RunSchema },
        },
      },
      async (req) => finishRun(rt, req.params.run, requestActor(req), req.body?.reason),
    );

    app.post(
      "/exercise-runs/:run/cancel",
      {
        config: write,
        schema: {
          tags,
          params: RunParams,
          body: z.object({ reason: z.string().min(1).max(500) }),
          response: { 200: RunSchema },
        },
      },
      async (req) => cancelRun(rt, req.params.run, requestActor(req), req.body.reason),
    );

    app.get(
      "/exercise-runs/:run/report",
      {
        config: read,
        schema: {
          tags,
          description: "The exercise after-action report (Markdown, self-contained HTML or PDF).",
          params: RunParams,
          querystring: FormatQuery(["md", "html", "pdf"], "html").extend({
            as_json: z
              .enum(["true", "false"])
              .optional()
              .describe("answer JSON with the content (base64 for PDF), for the CLI"),
          }),
        },
      },
      async (req, reply) => {
        const format = req.query.format as "md" | "html" | "pdf";
        const report = await exerciseReport(rt, req.params.run);
        const bytes = await renderReport(report, format);
        if (req.query.as_json === "true")
          return {
            title: report.title,
            format,
            media_type: MEDIA_TYPES[format],
            content_base64: bytes.toString("base64"),
          };
        return reply.type(MEDIA_TYPES[format]).send(bytes);
      },
    );
  };
