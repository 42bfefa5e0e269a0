import type { ServerResponse } from "node:http";
import type { FastifyPluginAsync } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { canSeeIncident } from "../../auth/incident-visibility.js";
import { incidentStream } from "../../contract/incident-stream.js";
import type { TimelineEntry } from "../../domain/incident/model.js";
import { getIncident } from "../../response/incident.service.js";
import { incidentTimeline } from "../../response/timeline.service.js";
import type { Runtime } from "../../runtime.js";
import { serve } from "../contract-route.js";
import { IncidentFeed } from "../incident-feed.js";
import { requestActor } from "../request-actor.js";
import { listenTimeline } from "../timeline-listener.js";

const HEARTBEAT_MS = 15_000;
/** The fallback poll of watched incidents when notifications tell of changes (PostgreSQL). */
const NOTIFIED_POLL_MS = 5000;
/** The incident a successful change request was about: `/api/v1/incidents/<ref>/...`. */
const CHANGED_INCIDENT = /^\/api\/v1\/incidents\/([^/?#]+)/;

/** One server-sent event carrying timeline entries. */
function sseEvent(entries: TimelineEntry[]): string {
  const last = entries[entries.length - 1];
  return `id: ${last?.seq ?? ""}\nevent: timeline\ndata: ${JSON.stringify({ items: entries })}\n\n`;
}

const streamRoute =
  (rt: Runtime, feed: IncidentFeed, open: Set<ServerResponse>): FastifyPluginAsyncZod =>
  async (app) => {
    serve(
      app,
      incidentStream,
      { tags: ["incidents"], config: { permission: "incidents:read" } },
      async (req, reply) => {
        const viewer = requestActor(req);
        const incident = await getIncident(rt, req.params.id, viewer);
        const resume = Number(req.headers["last-event-id"]);
        let after = Number.isInteger(resume) && resume >= 0 ? resume : req.query.after;
        if (after === undefined) {
          const entries = await incidentTimeline(rt, incident.id, viewer);
          after = entries[entries.length - 1]?.seq ?? 0;
        }

        reply.hijack();
        const res = reply.raw;
        res.writeHead(200, {
          "content-type": "text/event-stream; charset=utf-8",
          "cache-control": "no-cache, no-transform",
          connection: "keep-alive",
          "x-accel-buffering": "no",
          "x-request-id": req.id,
        });
        // Reconnect quickly after a dropped connection; the event ids make it lossless.
        res.write("retry: 1000\n: connected\n\n");
        open.add(res);

        // Participation can end while the stream is open (a role released): each batch is sent
        // only after the viewer is found to still see the incident, in order; else it ends.
        let sending = Promise.resolve();
        const unsubscribe = feed.subscribe(incident, after, (entries) => {
          sending = sending
            .then(async () => {
              if (res.writableEnded) return;
              if (await canSeeIncident(rt, viewer, incident)) res.write(sseEvent(entries));
              else res.end();
            })
            .catch(() => {
              res.end();
            });
        });
        const heartbeat = setInterval(() => res.write(": ping\n\n"), HEARTBEAT_MS);
        heartbeat.unref();
        res.on("close", () => {
          clearInterval(heartbeat);
          unsubscribe();
          open.delete(res);
        });
        // Hijacked: the stream answers, not the route.
        return reply;
      },
    );
  };

/**
 * Live updates: `GET /api/v1/incidents/:id/stream` and the feed behind it. The plugin shares
 * the application's scope (it is not encapsulated) so that its hook sees every route: after a
 * successful change to an incident through this process, the feed polls that incident at once
 * instead of on its next tick. Open streams end when the application closes, or closing would
 * wait for them forever.
 */
export function liveUpdates(
  rt: Runtime,
  options: { intervalMs?: number } = {},
): FastifyPluginAsync {
  const plugin: FastifyPluginAsync = async (app) => {
    // The feed reads once for every subscriber; each subscriber's batch is gated by its viewer.
    // On PostgreSQL every node hears of new entries from the database (LISTEN/NOTIFY), so the
    // poll is only a slow fallback for notifications lost while reconnecting.
    const url = rt.db.dialect === "postgres" ? rt.config.databaseUrl : undefined;
    const feed = new IncidentFeed((id, after) => incidentTimeline(rt, id, undefined, after), {
      intervalMs: options.intervalMs ?? (url ? NOTIFIED_POLL_MS : undefined),
      onError: (err) => app.log.warn({ err }, "live timeline poll failed"),
    });
    const stopListening =
      url &&
      listenTimeline(url, {
        onNotice: (n) => feed.nudge(n.incident_id),
        onListening: () => feed.nudgeAll(),
        onError: (err) => app.log.warn({ err }, "listening for timeline notifications failed"),
      });
    const open = new Set<ServerResponse>();

    app.addHook("onResponse", async (request, reply) => {
      if (request.method === "GET" || request.method === "HEAD" || reply.statusCode >= 400) return;
      const ref = CHANGED_INCIDENT.exec(request.url)?.[1];
      if (!ref) return;
      try {
        feed.nudge(decodeURIComponent(ref));
      } catch {
        // A malformed escape names no incident; the poll still runs on its tick.
      }
    });
    app.addHook("preClose", async () => {
      if (stopListening) await stopListening();
      feed.close();
      for (const res of open) res.end();
      open.clear();
    });

    await app.register(streamRoute(rt, feed, open), { prefix: "/api/v1" });
  };
  // What fastify-plugin does: run in the parent's scope so the hook applies to every route.
  Object.assign(plugin, { [Symbol.for("skip-override")]: true });
  return plugin;
}
