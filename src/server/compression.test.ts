import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { appPerFile } from "../../test/support/app.js";
import { TEST_DIALECTS } from "../../test/support/databases.js";
import { declareIncident } from "../response/incident.service.js";
import { addNote } from "../response/timeline.service.js";

const sqlite = TEST_DIALECTS[0] as (typeof TEST_DIALECTS)[number];
const someone = { kind: "person" as const, id: "amara-okafor", name: "Amara" };

describe("compressed answers", () => {
  // The built-in plan: a JSON answer of tens of kilobytes.
  const served = appPerFile(sqlite, { auth: "trust-local" });
  const plan = (encoding?: string) =>
    served.app.inject({
      url: "/api/v1/plans/current",
      headers: encoding ? { "accept-encoding": encoding } : {},
    });

  it("answers JSON in brotli when the client takes it, and the same document comes out", async () => {
    const plain = await plan();
    expect(plain.headers["content-encoding"]).toBeUndefined();
    const br = await plan("br, gzip");
    expect(br.statusCode).toBe(200);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    const unpacked = brotliDecompressSync(br.rawPayload).toString("utf8");
    expect(JSON.parse(unpacked)).toEqual(plain.json());
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
  });

  it("answers in gzip to a client that takes only gzip", async () => {
    const gz = await plan("gzip");
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(JSON.parse(gunzipSync(gz.rawPayload).toString("utf8"))).toMatchObject({ kind: "plan" });
  });

  it("compresses problem+json too, and leaves small answers as they are", async () => {
    const health = await served.app.inject({
      url: "/healthz",
      headers: { "accept-encoding": "br" },
    });
    expect(health.headers["content-encoding"]).toBeUndefined();
    expect(health.json()).toEqual({ status: "ok" });
  });

  it("reads request bodies as sent: a gzip body is not inflated behind the body limits", async () => {
    const { gzipSync } = await import("node:zlib");
    const res = await served.app.inject({
      method: "POST",
      url: "/api/v1/session",
      headers: { "content-type": "application/json", "content-encoding": "gzip" },
      payload: gzipSync(JSON.stringify({ email: "a@example.org", password: "x" })),
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(res.statusCode).not.toBe(401);
  });

  describe("the live timeline", () => {
    let base: string;
    beforeAll(async () => {
      base = await served.app.listen({ port: 0, host: "127.0.0.1" });
    });

    it("streams uncompressed, event by event, to a client that accepts brotli", async () => {
      const incident = await declareIncident(
        served.rt,
        { title: "Streamed", type: "malware", severity: "emergency" },
        someone,
      );
      const res = await fetch(`${base}/api/v1/incidents/${incident.human_id}/stream`, {
        headers: { "accept-encoding": "br, gzip" },
      });
      expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
      expect(res.headers.get("content-encoding")).toBeNull();
      const reader = (res.body as ReadableStream<Uint8Array>).getReader();
      const decoder = new TextDecoder();
      let text = "";
      const started = Date.now();
      await addNote(served.rt, incident.id, { text: "arrives at once" }, someone);
      while (!text.includes("arrives at once")) {
        const chunk = await Promise.race([
          reader.read(),
          new Promise<never>((_, reject) =>
            setTimeout(() => reject(new Error("the event was held back")), 2000),
          ),
        ]);
        if (chunk.done) throw new Error("stream ended");
        text += decoder.decode(chunk.value, { stream: true });
      }
      expect(Date.now() - started).toBeLessThan(1500);
      await reader.cancel();
    });
  });
});
