import { createServer, type Server } from "node:http";
import type { Telemetry } from "../operations/telemetry.js";

/**
 * A listener of its own that answers `GET /metrics` and nothing else, without a token: for
 * `FIREBREAK_METRICS_LISTEN`, an address only the monitoring network reaches (127.0.0.1:9464,
 * say), so the API port need not carry a scraper's credentials.
 */
export async function listenForMetrics(telemetry: Telemetry, listen: string): Promise<Server> {
  const at = listen.lastIndexOf(":");
  const host = listen.slice(0, at).replace(/^\[|\]$/g, "");
  const port = Number(listen.slice(at + 1));
  const server = createServer((req, res) => {
    if (req.method !== "GET" || req.url?.split("?")[0] !== "/metrics") {
      res.writeHead(404, { "content-type": "text/plain" }).end("only GET /metrics here\n");
      return;
    }
    telemetry.text().then(
      (text) => res.writeHead(200, { "content-type": telemetry.contentType }).end(text),
      () => res.writeHead(503, { "content-type": "text/plain" }).end("metrics unavailable\n"),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}
