import { afterAll, beforeAll, expect } from "vitest";
import type { Runtime } from "../../src/runtime.js";
import { type App, buildApp } from "../../src/server/app.js";
import { TEST_DIALECTS, type TestDialect } from "./databases.js";
import { declaredRansomware, expectIntact, incidentState, kindsAfter } from "./response-helpers.js";
import { testRuntime } from "./runtime.js";

/** An app (over SQLite unless told) with one declared ransomware incident, and helpers to call it. */
export async function incidentHarness(dialect: TestDialect = TEST_DIALECTS[0] as TestDialect) {
  const rt: Runtime = await testRuntime(dialect);
  const app: App = await buildApp(rt, { logger: false, auth: "trust-local" });
  const { incident, seq } = await declaredRansomware(rt);

  const send = (
    method: "POST" | "PUT",
    url: string,
    payload: unknown,
    headers: Record<string, string> = {},
  ) => app.inject({ method, url, payload: payload as object, headers });

  return {
    rt,
    app,
    incident,
    /** Timeline entries the declaration wrote; later ones are the test's. */
    seq,
    base: `/api/v1/incidents/${incident.human_id}`,
    send,
    get: (url: string) => app.inject(url),

    /** A refusal: problem+json with the given status and type, and the incident untouched. */
    async expectRefused(
      request: () => ReturnType<typeof send>,
      status: number,
      type: string,
    ): Promise<Record<string, unknown>> {
      const before = await incidentState(rt, incident.id);
      const res = await request();
      expect(res.statusCode, res.body).toBe(status);
      expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
      const problem = res.json();
      expect(problem).toMatchObject({ type: `/problems/${type}`, status });
      expect(await incidentState(rt, incident.id)).toEqual(before);
      return problem;
    },

    /** Asserts the test's timeline entries include one of each of `kinds`, and the chain verifies. */
    async expectRecorded(kinds: string[]): Promise<void> {
      const after = await kindsAfter(rt, incident.id, seq);
      for (const kind of kinds) expect(after, kind).toContain(kind);
      await expectIntact(rt, incident.id);
    },

    async close() {
      await app.close();
      await rt.close();
    },
  };
}

export type IncidentHarness = Awaited<ReturnType<typeof incidentHarness>>;

/**
 * An `incidentHarness` that all the tests of the enclosing `describe` share: built before them,
 * closed after them.
 */
export function incidentHarnessPerFile(): IncidentHarness {
  const h = {} as IncidentHarness;
  beforeAll(async () => {
    Object.assign(h, await incidentHarness());
  });
  afterAll(() => h.close());
  return h;
}
