import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JOBS_PURGE } from "../../src/jobs/job-kinds.js";
import { type Db, openDatabase } from "../../src/store/connect.js";
import { jobRepo } from "../../src/store/job.repo.js";
import { browserMissing, launchBrowser } from "../e2e/support/browser.js";
import { ensureWebBuilt } from "../e2e/support/web-build.js";
import { declareByCli } from "../support/cli.js";
import { PG_URL } from "../support/databases.js";
import { failedLogon } from "../support/detection.js";
import { adminToken, postgresDatabase, type ServerProcess, startServer } from "../support/serve.js";
import { waitFor } from "../support/wait.js";

/** Six rules of level medium, one per event id, so that a burst is six different alerts. */
const SIGNALS = [9101, 9102, 9103, 9104, 9105, 9106];
const signalRules = SIGNALS.map(
  (id) => `title: Cluster signal ${id}
id: ${randomUUID()}
status: test
logsource:
  product: windows
  service: security
detection:
  selection:
    EventID: ${id}
  condition: selection
level: medium
`,
).join("---\n");

const signal = (host: string, eventId: number) => ({
  Event: {
    System: {
      Provider: { "#attributes": { Name: "Microsoft-Windows-Security-Auditing" } },
      EventID: eventId,
      Channel: "Security",
      Computer: host,
      TimeCreated: { "#attributes": { SystemTime: new Date().toISOString() } },
    },
    EventData: { Detail: `signal ${eventId}` },
  },
});

interface IngestAnswer {
  alerts: number;
  incidents: { action: string; incident_id: string | null; alert_ids: string[] }[];
}

/**
 * Issue 19: several server processes on one PostgreSQL database behave as one — declaration
 * windows, correlation windows, live updates and the timer worker are shared through the
 * database (docs/operations.md "Running several nodes"). Two nodes, started once for the file.
 */
describe.skipIf(!PG_URL)("two nodes on one PostgreSQL database behave as one", () => {
  let db: { url: string; drop(): Promise<void> };
  let nodes: [ServerProcess, ServerProcess];
  let token: string;
  let store: Db;
  let rulesDir: string;
  let where: string[];

  beforeAll(async () => {
    db = await postgresDatabase();
    where = ["--database-url", db.url];
    rulesDir = mkdtempSync(join(tmpdir(), "firebreak-cluster-rules-"));
    writeFileSync(join(rulesDir, "signals.yml"), signalRules);
    token = await adminToken(where);
    nodes = await Promise.all([
      startServer([...where, "--rules", rulesDir]),
      startServer([...where, "--rules", rulesDir]),
    ]);
    store = openDatabase({ url: db.url });
  }, 120_000);
  afterAll(async () => {
    await Promise.all((nodes ?? []).map((n) => n?.stop()));
    await store?.close();
    await db?.drop();
    if (rulesDir) rmSync(rulesDir, { recursive: true, force: true });
  });

  const api = async (node: number, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${nodes[node]?.base}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    expect(res.status, text).toBeLessThan(300);
    return JSON.parse(text);
  };
  const ingest = (node: number, events: unknown[]): Promise<IngestAnswer> =>
    api(node, "POST", "/events", events);
  const alertsOn = async (host: string) =>
    (
      (await api(0, "GET", `/alerts?limit=100`)) as {
        items: { id: string; incident_id: string | null; entities: { host?: string } }[];
      }
    ).items.filter((a) => a.entities.host === host);

  it("declares a burst split across both nodes once, at the alert that completes it", async () => {
    // One at a time, alternating: the third alert (on node A) completes node B's window too.
    const host = "ws-split";
    const answers: IngestAnswer[] = [];
    for (const [i, id] of SIGNALS.slice(0, 3).entries())
      answers.push(await ingest(i % 2, [signal(host, id)]));
    expect(answers.map((a) => a.incidents.map((o) => o.action))).toEqual([[], [], ["declared"]]);
    expect(answers[2]?.incidents[0]?.alert_ids).toHaveLength(3);

    // All at once, half on each node: one incident, every alert in it.
    const burst = "ws-burst";
    const at = await Promise.all(SIGNALS.map((id, i) => ingest(i % 2, [signal(burst, id)])));
    const outcomes = at.flatMap((a) => a.incidents);
    expect(outcomes.filter((o) => o.action === "declared")).toHaveLength(1);
    expect(outcomes.filter((o) => o.action === "failed")).toEqual([]);
    const alerts = await alertsOn(burst);
    expect(alerts).toHaveLength(6);
    expect(new Set(alerts.map((a) => a.incident_id)).size).toBe(1);
    expect(alerts[0]?.incident_id).not.toBeNull();
  });

  it("fires a correlation whose events arrive alternately on both nodes exactly once", async () => {
    // The library's brute-force rule: ten failed logons for one account within five minutes.
    const user = `guess-${randomUUID().slice(0, 8)}`;
    for (let i = 0; i < 10; i++) await ingest(i % 2, [failedLogon("dc-cluster", user)]);
    const raised = (
      (await api(1, "GET", "/alerts?limit=100")) as {
        items: { title: string; count: number; entities: { user?: string } }[];
      }
    ).items.filter((a) => a.title.startsWith("Password guessing") && a.entities.user === user);
    expect(raised).toHaveLength(1);
    expect(raised[0]?.count).toBe(1);
  });

  it.skipIf(browserMissing)(
    "shows a note added through node A within a second in a browser on node B",
    async () => {
      await ensureWebBuilt();
      const ref = (await declareByCli(where)).human_id;
      let browser: Browser | undefined;
      try {
        browser = await launchBrowser();
        const page = await browser.newPage();
        await page.goto(nodes[1].base);
        await page.getByLabel("E-mail").fill("ops@example.org");
        await page.getByLabel("Password").fill("Correct-Horse-Battery-9");
        await page.getByRole("button", { name: "Sign in" }).click();
        await page.getByRole("heading", { level: 1, name: "Dashboard" }).waitFor();
        await page.goto(`${nodes[1].base}/incidents/${ref}`);
        await page.locator(".live-indicator.live-live").waitFor();
        // Past node B's own first read: what comes now comes from the notification.
        await new Promise((r) => setTimeout(r, 300));

        const text = `Seen from the other node ${randomUUID()}`;
        await api(0, "POST", `/incidents/${ref}/notes`, { text });
        const sent = Date.now();
        await page.locator(".entry-text", { hasText: text }).waitFor({ timeout: 1000 });
        expect(Date.now() - sent).toBeLessThan(1000);
      } finally {
        await browser?.close();
      }
    },
    60_000,
  );

  it("runs each due timer job once although both nodes' workers claim", async () => {
    const jobs = jobRepo(store);
    const now = new Date();
    const scheduled = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        jobs.schedule({ kind: JOBS_PURGE, payload: {}, dueAt: now, dedupKey: `cluster-${i}` }, now),
      ),
    );
    const ids = new Set(scheduled.map((s) => s.job.id));
    const finished = await waitFor(
      "both workers to run the 30 jobs",
      async () => {
        const done = (await jobs.list({ kind: JOBS_PURGE, limit: 1000 })).filter((j) =>
          ids.has(j.id),
        );
        return done.length === 30 && done.every((j) => j.status === "done") ? done : undefined;
      },
      20_000,
      100,
    );
    // A job two workers had both run would have been claimed twice.
    expect(finished.map((j) => j.attempts)).toEqual(Array(30).fill(1));
  });
});
