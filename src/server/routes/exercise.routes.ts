import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { exercises } from "../../contract/exercises.js";
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
import { serve } from "../contract-route.js";
import { requestActor } from "../request-actor.js";

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
    const tags = ["exercises"];
    const read = { tags, config: { permission: "incidents:read" as const } };
    const write = { tags, config: { permission: "incidents:write" as const } };
    const documentsRead = { tags, config: { permission: "documents:read" as const } };
    const exerciseDocuments = async () =>
      (await rt.documents.current("exercise")) as StoredDocument<"exercise">[];

    serve(app, exercises.list, documentsRead, async () => ({
      items: (await exerciseDocuments()).map(summary),
      next_cursor: null,
    }));

    serve(app, exercises.get, documentsRead, async (req) => {
      const doc = (await exerciseDocuments()).find((d) => d.id === req.params.id);
      if (!doc) throw notFound("exercise", req.params.id);
      return { ...summary(doc), body: doc.body, source: doc.source };
    });

    serve(app, exercises.start, write, async (req) =>
      startRun(rt, req.params.id, req.body, requestActor(req)),
    );

    serve(app, exercises.runs, read, async (req) => ({
      items: await listRuns(rt, req.query),
      next_cursor: null,
    }));

    serve(app, exercises.run, read, async (req) => runView(rt, req.params.run));

    serve(app, exercises.answer, write, async (req) =>
      answerQuestion(rt, req.params.run, req.body, requestActor(req)),
    );

    serve(app, exercises.declare, write, async (req) =>
      declareForRun(rt, req.params.run, req.body, requestActor(req)),
    );

    serve(app, exercises.finish, write, async (req) =>
      finishRun(rt, req.params.run, requestActor(req), req.body?.reason),
    );

    serve(app, exercises.cancel, write, async (req) =>
      cancelRun(rt, req.params.run, requestActor(req), req.body.reason),
    );

    // The file itself (Markdown, HTML, PDF) is sent as is; with as_json, the JSON the contract
    // describes.
    serve(app, exercises.report, read, async (req, reply) => {
      const { format } = req.query;
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
    });
  };
