import { get } from "node:http";
import { brotliDecompressSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "./support/server.js";
import { ensureWebBuilt } from "./support/web-build.js";

/** The budget for the first page's script, as the browser downloads it (brotli). */
const FIRST_PAGE_BUDGET = 200 * 1024;

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The bytes as they came over the wire, still compressed. */
  body: Buffer;
}

/** A GET that keeps the answer's bytes as sent (fetch would decompress them). */
function rawGet(url: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on("error", reject);
    }).on("error", reject);
  });
}

/** The scripts the first page loads before it runs: its entry and the chunks it preloads. */
function firstPageScripts(html: string): string[] {
  const entry = [...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)].map((m) => m[1] as string);
  const preloaded = [...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g)].map(
    (m) => m[1] as string,
  );
  return [...entry, ...preloaded];
}

describe("the web interface as the server sends it", () => {
  let server: TestServer;
  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startServer();
  }, 300_000);
  afterAll(() => server?.close());

  it("sends the first page's scripts in brotli, within the budget, cached for good", async () => {
    const page = await rawGet(`${server.base}/`, { "accept-encoding": "br" });
    expect(page.status).toBe(200);
    const html =
      page.headers["content-encoding"] === "br"
        ? brotliDecompressSync(page.body).toString("utf8")
        : page.body.toString("utf8");
    const scripts = firstPageScripts(html);
    expect(scripts.length).toBeGreaterThan(0);

    let total = 0;
    for (const src of scripts) {
      const script = await rawGet(`${server.base}${src}`, { "accept-encoding": "br" });
      expect(script.status, src).toBe(200);
      expect(script.headers["content-encoding"], src).toBe("br");
      expect(script.headers["cache-control"], src).toContain("immutable");
      // What arrives is the script itself, not something merely smaller.
      expect(brotliDecompressSync(script.body).length, src).toBeGreaterThan(script.body.length);
      total += script.body.length;
    }
    expect(total).toBeLessThanOrEqual(FIRST_PAGE_BUDGET);
  });

  it("sends gzip to a client without brotli", async () => {
    const html = (await rawGet(`${server.base}/`)).body.toString("utf8");
    const [entry] = firstPageScripts(html);
    const script = await rawGet(`${server.base}${entry}`, { "accept-encoding": "gzip" });
    expect(script.headers["content-encoding"]).toBe("gzip");
  });

  it("serves no source map, though the build wrote them", async () => {
    const html = (await rawGet(`${server.base}/`)).body.toString("utf8");
    for (const src of firstPageScripts(html)) {
      const map = await rawGet(`${server.base}${src}.map`);
      expect(map.status, `${src}.map`).toBe(404);
      const script = (await rawGet(`${server.base}${src}`)).body.toString("utf8");
      expect(script).not.toContain("sourceMappingURL");
    }
  });
});
