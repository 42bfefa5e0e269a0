/**
 * Every list route that takes `?cursor=` refuses a cursor it did not give out with a 400
 * problem+json naming the cursor, instead of answering a silently wrong page. The routes are
 * taken from the served OpenAPI document, so a new paged list is covered without editing this.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { appPerFile } from "../../../test/support/app.js";
import { TEST_DIALECTS } from "../../../test/support/databases.js";
import { userWithToken } from "../../../test/support/identity.js";
import { declareRansomware } from "../../../test/support/response-helpers.js";

const GARBAGE = [
  Buffer.from('{"x":1}').toString("base64"),
  "random text",
  "|",
  "2026-01-01T00:00:00.000Z",
  "2026-01-01T00:00:00.000Z|",
  "|INC-1",
  "2026-01-01T00:00:00.000Z|a|b",
  "not-a-time|INC-1",
  "2026-13-45T99:99:99Z|x",
  "2026-01-01T00:00:00.000Z|x\u0000y",
  "-1",
  "0",
  "1e3",
  "9".repeat(40),
  "x".repeat(5000),
].map(encodeURIComponent);
/** Already encoded: bytes that are not UTF-8 (a lone surrogate's encoding, a bare 0xFF). */
const RAW = ["%ED%A0%80", "2026-01-01T00:00:00.000Z%7C%FF", "%00"];

interface Operation {
  path: string;
  parameters?: { in: string; name: string; required?: boolean }[];
}

/** A list's URL with a cursor added to the query it already has. */
const withCursor = (url: string, cursor: string) =>
  `${url}${url.includes("?") ? "&" : "?"}cursor=${cursor}`;

describe.each(TEST_DIALECTS)("list cursors over HTTP ($name)", (dialect) => {
  const served = appPerFile(dialect);
  let headers: Record<string, string>;
  let incident = "";
  beforeAll(async () => {
    if (dialect.skip) return;
    headers = (await userWithToken(served.rt, "admin")).headers;
    incident = (await declareRansomware(served.rt)).human_id;
    await declareRansomware(served.rt);
  });

  /** GET operations with a `cursor` query parameter, path parameters filled with the incident. */
  async function pagedLists(): Promise<string[]> {
    const doc = (await served.app.inject({ url: "/api/v1/openapi.json", headers })).json();
    const ops: Operation[] = Object.entries(
      doc.paths as Record<string, { get?: Omit<Operation, "path"> }>,
    ).flatMap(([path, item]) => (item.get ? [{ path, ...item.get }] : []));
    return ops
      .filter((op) => op.parameters?.some((p) => p.in === "query" && p.name === "cursor"))
      .map((op) => {
        // A list that needs more than a cursor (search's `q`) gets a plain word for each.
        const needs = (op.parameters ?? []).filter((p) => p.in === "query" && p.required);
        const query = needs.map((p) => `${p.name}=ransomware`).join("&");
        return `${op.path.replace(/\{[^}]+\}/g, incident)}${query ? `?${query}` : ""}`;
      });
  }

  it("refuses a cursor it did not give out, on every paged list, naming the cursor", async (ctx) => {
    if (dialect.skip) ctx.skip(dialect.skip);
    const lists = await pagedLists();
    // The derivation itself must find the lists known to page, or the test proves nothing.
    expect(lists).toEqual(
      expect.arrayContaining([
        "/api/v1/incidents",
        "/api/v1/alerts",
        "/api/v1/problems",
        "/api/v1/audit",
      ]),
    );
    for (const url of lists) {
      for (const cursor of [...GARBAGE, ...RAW]) {
        const res = await served.app.inject({
          url: withCursor(url, cursor),
          headers,
        });
        const what = `${url} cursor=${JSON.stringify(cursor.slice(0, 40))}`;
        expect(res.statusCode, `${what}: ${res.body}`).toBe(400);
        expect(res.headers["content-type"], what).toMatch(/^application\/problem\+json/);
        const problem = res.json();
        expect(problem, what).toMatchObject({ status: 400, type: "/problems/invalid_input" });
        expect(JSON.stringify(problem.errors ?? problem.detail), what).toContain("cursor");
      }
      // A well-formed position still answers a page.
      const bySeq = /\/(audit|search)(\?|$)/.test(url);
      const wellFormed = bySeq ? "999999" : "2999-01-01T00:00:00.000Z|zzzz";
      const ok = await served.app.inject({ url: withCursor(url, wellFormed), headers });
      expect(ok.statusCode, `${url}: ${ok.body}`).toBe(200);
    }
  });

  it("an empty cursor is the first page, on every paged list", async (ctx) => {
    if (dialect.skip) ctx.skip(dialect.skip);
    for (const url of await pagedLists()) {
      const res = await served.app.inject({ url: withCursor(url, ""), headers });
      expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    }
  });

  it("the cursor a page gives out still opens the next page", async (ctx) => {
    if (dialect.skip) ctx.skip(dialect.skip);
    const first = (await served.app.inject({ url: "/api/v1/incidents?limit=1", headers })).json();
    expect(first.next_cursor).toEqual(expect.any(String));
    const second = await served.app.inject({
      url: `/api/v1/incidents?limit=1&cursor=${encodeURIComponent(first.next_cursor)}`,
      headers,
    });
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json().items).toHaveLength(1);
    expect(second.json().items[0].human_id).not.toBe(first.items[0].human_id);
  });
});
