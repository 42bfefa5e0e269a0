import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "../domain/errors.js";
import { sendProblem } from "./problem.js";
import { webRoutes } from "./web.js";

async function appOver(root: string): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  app.setErrorHandler(sendProblem);
  app.setNotFoundHandler((request, reply) =>
    sendProblem(new DomainError("not_found", `no route ${request.url}`), request, reply),
  );
  app.get("/api/v1/known", async () => ({ ok: true }));
  await app.register(webRoutes({ root }));
  return app;
}

describe("web interface routes", () => {
  let dir: string;
  let built: FastifyInstance;
  let unbuilt: FastifyInstance;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "firebreak-web-"));
    const dist = join(dir, "dist");
    mkdirSync(join(dist, "assets"), { recursive: true });
    writeFileSync(join(dist, "index.html"), "<!doctype html><title>shell</title>");
    writeFileSync(join(dist, "assets", "app-1a2b.js"), "console.log(1)");
    writeFileSync(join(dist, "favicon.svg"), "<svg/>");
    writeFileSync(join(dist, "assets", "app-1a2b.js.map"), '{"version":3}');
    writeFileSync(join(dir, "secret.txt"), "outside the root");
    built = await appOver(dist);
    unbuilt = await appOver(join(dir, "missing"));
  });
  afterAll(async () => {
    await built.close();
    await unbuilt.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("serves the shell at / and for client-side routes, never cached, with a CSP", async () => {
    for (const url of ["/", "/incidents/INC-2026-0001", "/plan?tab=roles"]) {
      const res = await built.inject(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers["content-type"]).toMatch(/text\/html/);
      expect(res.body).toContain("<title>shell</title>");
      expect(res.headers["cache-control"]).toBe("no-cache");
      expect(res.headers["content-security-policy"]).toContain("script-src 'self'");
    }
  });

  it("serves hashed assets as immutable and other files as they are", async () => {
    const asset = await built.inject("/assets/app-1a2b.js");
    expect(asset.statusCode).toBe(200);
    expect(asset.headers["content-type"]).toMatch(/javascript/);
    expect(asset.headers["cache-control"]).toContain("immutable");
    const icon = await built.inject("/favicon.svg");
    expect(icon.statusCode).toBe(200);
    expect(icon.body).toBe("<svg/>");
  });

  it("never serves a source map, though the build leaves one beside the script", async () => {
    const map = await built.inject("/assets/app-1a2b.js.map");
    expect(map.statusCode).toBe(404);
    expect(map.body).not.toContain('"version":3');
  });

  it("answers a missing file or an unknown API path with problem+json 404", async () => {
    for (const url of ["/assets/gone-0000.js", "/api/v1/nothing-here", "/api"]) {
      const res = await built.inject(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers["content-type"]).toMatch(/problem\+json/);
    }
    expect((await built.inject("/api/v1/known")).json()).toEqual({ ok: true });
  });

  it("never serves a file from outside its folder", async () => {
    for (const url of ["/../secret.txt", "/%2e%2e/secret.txt", "/assets/..%2f..%2fsecret.txt"]) {
      const res = await built.inject(url);
      expect(res.body, url).not.toContain("outside the root");
    }
  });

  it("says how to build the interface when it has not been built", async () => {
    const res = await unbuilt.inject("/incidents");
    expect(res.statusCode).toBe(503);
    expect(res.headers["content-type"]).toMatch(/text\/html/);
    expect(res.body).toContain("npm run build");
  });
});
