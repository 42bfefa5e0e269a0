import { afterEach, describe, expect, it } from "vitest";
import { PG_URL } from "../support/databases.js";
import { adminToken, postgresDatabase, type ServerProcess, startServer } from "../support/serve.js";

/**
 * Issue 19: the ingestion rate limit holds for the cluster, not per node. Two server processes
 * on one PostgreSQL database, an ingestion token limited to LIMIT requests a minute, requests
 * spread over both and sent at once: exactly LIMIT are accepted in total.
 */
const LIMIT = 10;

/** Windows are whole minutes (docs/operations.md): start well inside one, so all fall in it. */
async function awayFromTheMinuteBoundary(): Promise<void> {
  const second = new Date().getUTCSeconds() + new Date().getUTCMilliseconds() / 1000;
  if (second > 40) await new Promise((r) => setTimeout(r, (61 - second) * 1000));
}

describe.skipIf(!PG_URL)("the ingestion rate limit across two server processes", () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it(`accepts exactly ${LIMIT} of ${LIMIT * 4} single-event requests sent at once to both`, async () => {
    const db = await postgresDatabase();
    cleanups.push(() => db.drop());
    const where = ["--database-url", db.url];
    const token = await adminToken(where, "ingest");
    const env = { FIREBREAK_INGEST_RATE_LIMIT: String(LIMIT) };
    const nodes: ServerProcess[] = await Promise.all([
      startServer([...where, "--no-worker"], env),
      startServer([...where, "--no-worker"], env),
    ]);
    for (const n of nodes) cleanups.push(() => n.stop());

    await awayFromTheMinuteBoundary();
    const statuses = await Promise.all(
      Array.from({ length: LIMIT * 4 }, async (_, i) => {
        const res = await fetch(`${nodes[i % 2]?.base}/api/v1/events`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify([{ message: `event ${i}`, host: "web-1" }]),
        });
        await res.arrayBuffer();
        return { node: i % 2, status: res.status, retryAfter: res.headers.get("retry-after") };
      }),
    );
    expect(statuses.filter((s) => s.status === 202)).toHaveLength(LIMIT);
    const limited = statuses.filter((s) => s.status === 429);
    expect(limited).toHaveLength(LIMIT * 3);
    // Both nodes refused: the count is shared, not each node's own.
    expect(new Set(limited.map((s) => s.node))).toEqual(new Set([0, 1]));
    for (const s of limited) expect(Number(s.retryAfter)).toBeGreaterThan(0);

    // Afterwards each node refuses from memory too, and still answers its health checks.
    for (const node of nodes) {
      const res = await fetch(`${node.base}/api/v1/events`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: "[]",
      });
      expect(res.status).toBe(429);
      expect((await fetch(`${node.base}/readyz`)).status).toBe(200);
    }
  }, 240_000);
});
