import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../../test/support/databases.js";
import { userWithToken } from "../../../test/support/identity.js";
import { loadConfig } from "../../config.js";
import { loadLibraryIfEmpty, type Runtime, runtimeFor } from "../../runtime.js";
import { type App, buildApp } from "../app.js";

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
/** Above the 20 MB file, below the 21 MiB one; far above the 1 MiB JSON body limit. */
const MAX = 20 * 1024 * 1024 + 1024;

/** A body without Content-Length (chunked), as a pipe or a browser stream sends it. */
function chunked(bytes: Uint8Array): { body: ReadableStream; duplex: "half" } {
  const pieces = async function* () {
    for (let i = 0; i < bytes.length; i += 256 * 1024) yield bytes.subarray(i, i + 256 * 1024);
  };
  return { body: Readable.toWeb(Readable.from(pieces())) as ReadableStream, duplex: "half" };
}

/**
 * Evidence files over real HTTP on loopback (docs/evidence.md): streamed up and down, checked
 * on both ways, refused with nothing kept when too large, not the recorded file, or tampered
 * with; every download in the chain of custody; restricted like the incident.
 */
for (const dialect of TEST_DIALECTS)
  describe.skipIf(dialect.skip !== undefined)(`evidence files over HTTP on ${dialect.name}`, () => {
    let rt: Runtime;
    let app: App;
    let base: string;
    let dataDir: string;
    const who: Record<string, { authorization: string }> = {};
    let incident: string;

    const api = (path: string, init: RequestInit & { as?: string } = {}) =>
      fetch(`${base}/api/v1/incidents/${incident}${path}`, {
        ...init,
        headers: { ...who[init.as ?? "admin"], ...(init.headers as Record<string, string>) },
      });
    const json = async (res: Response) => ({ status: res.status, body: await res.json() });
    const upload = (bytes: Uint8Array, query = "name=capture.pcap", streamed = false) =>
      api(`/evidence/files?${query}`, {
        method: "POST",
        headers: { "content-type": "application/octet-stream" },
        ...(streamed ? chunked(bytes) : { body: new Blob([new Uint8Array(bytes)]) }),
      }).then(json);
    /** Every file and chunk row the evidence store holds. */
    async function traces(): Promise<number> {
      const files = readdirSync(dataDir, { recursive: true, withFileTypes: true }).filter((f) =>
        f.isFile(),
      ).length;
      if (dialect.name !== "postgres") return files;
      const rows = await rt.db.kysely
        .selectFrom("evidence_blob_chunks")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .executeTakeFirstOrThrow();
      return files + Number(rows.n);
    }

    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), "firebreak-evidence-"));
      const config = {
        ...loadConfig({ logLevel: "silent" }, {}),
        dataDir,
        evidenceMaxBytes: MAX,
      };
      rt = runtimeFor(config, await dialect.open());
      await loadLibraryIfEmpty(rt);
      app = await buildApp(rt, { logger: false });
      await app.listen({ port: 0, host: "127.0.0.1" });
      base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      who.admin = (await userWithToken(rt, "admin")).headers;
      who.outsider = (
        await userWithToken(rt, "responder", "write", { person_id: "kenji-sato" })
      ).headers;
      who.observer = (await userWithToken(rt, "observer")).headers;
      const declared = await fetch(`${base}/api/v1/incidents`, {
        method: "POST",
        headers: { ...who.admin, "content-type": "application/json" },
        body: JSON.stringify({
          title: "Payroll clerk copying salary files",
          type: "insider",
          restricted: true,
          commander: "amara-okafor",
        }),
      });
      expect(declared.status).toBe(201);
      incident = ((await declared.json()) as { human_id: string }).human_id;
    });
    afterAll(async () => {
      await app?.close();
      await rt?.close();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    });

    it("takes a 20 MB file streamed past the 1 MiB JSON limit and gives it back byte-identical, each download on record", async () => {
      const bytes = randomBytes(20_000_000);
      const created = await upload(bytes, "name=FS01%20memory.raw&description=pagefile", true);
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect(created.body).toMatchObject({
        name: "FS01 memory.raw",
        sha256: sha(bytes),
        size: bytes.length,
        file_stored: true,
        downloads: [],
      });

      const res = await api(`/evidence/${created.body.id}/file?reason=malware%20analysis`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/octet-stream");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      // Sent as stored: not compressed, its length announced.
      expect(res.headers.get("content-encoding")).toBeNull();
      expect(res.headers.get("content-length")).toBe(String(bytes.length));
      expect(res.headers.get("content-disposition")).toMatch(
        /^attachment; filename="FS01 memory.raw"/,
      );
      const got = Buffer.from(await res.arrayBuffer());
      expect(got.length).toBe(bytes.length);
      expect(sha(got)).toBe(sha(bytes));
      expect(res.headers.get("repr-digest")).toBe(
        `sha-256=:${createHash("sha256").update(bytes).digest("base64")}:`,
      );

      await (
        await api(`/evidence/${created.body.id}/file?reason=copy%20for%20counsel`)
      ).arrayBuffer();
      const item = await json(await api(`/evidence/${created.body.id}`));
      expect(item.body.downloads.map((d: { reason: string }) => d.reason)).toEqual([
        "malware analysis",
        "copy for counsel",
      ]);
      expect(item.body.downloads[0].by).toMatch(/admin/);
      const timeline = (await json(await api("/timeline"))).body.items as { kind: string }[];
      expect(timeline.filter((e) => e.kind === "evidence.downloaded")).toHaveLength(2);
    });

    it("refuses a file over FIREBREAK_EVIDENCE_MAX_BYTES while it streams, and keeps nothing", async () => {
      const before = {
        traces: await traces(),
        items: (await json(await api("/evidence"))).body.items.length,
      };
      const streamed = await upload(randomBytes(MAX + 1024 * 1024), "name=big", true);
      expect(streamed.status).toBe(413);
      expect(streamed.body.type).toMatch(/payload_too_large$/);
      const announced = await upload(randomBytes(MAX + 1), "name=big");
      expect(announced.status).toBe(413);
      expect(await traces()).toBe(before.traces);
      expect((await json(await api("/evidence"))).body.items).toHaveLength(before.items);
    });

    it("stores the file of a record created with its hash only if it is that file", async () => {
      const bytes = randomBytes(300_000);
      const record = await json(
        await api("/evidence", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            name: "mail.eml",
            sha256: sha(bytes).toUpperCase(),
            size: bytes.length,
            location: "mail server export",
            acquired_by: "jonas-weber",
          }),
        }),
      );
      expect(record.body.file_stored).toBe(false);
      const put = (body: Uint8Array) =>
        api(`/evidence/${record.body.id}/file`, {
          method: "PUT",
          headers: { "content-type": "application/octet-stream" },
          body: new Blob([new Uint8Array(body)]),
        }).then(json);
      const before = await traces();
      const other = Buffer.from(bytes);
      other[0] = (other[0] as number) ^ 1;
      const wrong = await put(other);
      expect(wrong.status).toBe(422);
      expect(wrong.body.type).toMatch(/hash_mismatch$/);
      expect(await traces()).toBe(before);
      expect((await put(bytes.subarray(1))).status).toBe(422);

      const right = await put(bytes);
      expect(right.status, JSON.stringify(right.body)).toBe(200);
      expect(right.body.file_stored).toBe(true);
      expect((await put(bytes)).status).toBe(409);
      const res = await api(`/evidence/${record.body.id}/file?reason=review`);
      expect(sha(Buffer.from(await res.arrayBuffer()))).toBe(sha(bytes));
    });

    it("refuses to send a file whose stored bytes changed, and says so on the timeline and in the audit log", async () => {
      const bytes = randomBytes(50_000);
      const created = await upload(bytes, "name=registry.hive");
      const digest = sha(bytes);
      if (dialect.name === "postgres")
        await rt.db.kysely
          .updateTable("evidence_blob_chunks")
          .set({ data: Buffer.from(bytes.subarray(0, 49_999)) })
          .where(
            "blob_id",
            "=",
            rt.db.kysely
              .selectFrom("evidence_blobs")
              .select("blob_id")
              .where("sha256", "=", digest),
          )
          .execute();
      else {
        const path = join(dataDir, "evidence", "sha256", digest.slice(0, 2), digest.slice(2));
        const stored = readFileSync(path);
        stored[100] = (stored[100] as number) ^ 0xff;
        writeFileSync(path, stored);
      }
      const res = await api(`/evidence/${created.body.id}/file?reason=analysis`);
      expect(res.status).toBe(409);
      expect(((await res.json()) as { type: string }).type).toMatch(/integrity_failed$/);
      const timeline = (await json(await api("/timeline"))).body.items as { kind: string }[];
      expect(timeline.at(-1)?.kind).toBe("evidence.integrity_failed");
      const item = await json(await api(`/evidence/${created.body.id}`));
      expect(item.body.downloads).toEqual([]);
      const [audited] = await rt.audit.list({ action: "evidence.integrity_failed" }, 5);
      expect(audited).toMatchObject({ target: created.body.id, outcome: "failure" });
    });

    it("asks why, and shows a restricted incident's files to no one outside it", async () => {
      const created = await upload(randomBytes(1000), "name=notes.txt");
      const file = `/evidence/${created.body.id}/file`;
      expect((await api(file)).status).toBe(400);
      expect((await api(`${file}?reason=`)).status).toBe(400);
      expect((await api(`${file}?reason=curious`, { as: "outsider" })).status).toBe(404);
      const outsiderUpload = await api("/evidence/files?name=y", {
        method: "POST",
        as: "outsider",
        headers: { "content-type": "application/octet-stream" },
        body: new Uint8Array(10),
      });
      expect(outsiderUpload.status).toBe(404);
      // Observers see the record, not the bytes.
      expect((await api(`${file}?reason=curious`, { as: "observer" })).status).toBe(403);
      const json415 = await api("/evidence/files?name=z", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      });
      expect(json415.status).toBe(415);
    });
  });
