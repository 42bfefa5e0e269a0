import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../../test/support/databases.js";
import { userWithToken } from "../../../test/support/identity.js";
import { testRuntime } from "../../../test/support/runtime.js";
import { HOSTILE_SEARCH_QUERIES } from "../../../test/support/search-queries.js";
import type { Runtime } from "../../runtime.js";
import { type App, buildApp } from "../app.js";

type Headers = Record<string, string>;
const sqlite = TEST_DIALECTS[0] as (typeof TEST_DIALECTS)[number];

/**
 * GET /api/v1/search over real HTTP on loopback, signed in with tokens: results with their
 * snippets, a restricted incident that exists only for its participants, problem+json for a bad
 * query and never a 5xx for text that would be query syntax.
 */
describe("GET /api/v1/search", () => {
  let rt: Runtime;
  let app: App;
  let base: string;
  const who: Record<"admin" | "outsider" | "commander", Headers> = {
    admin: {},
    outsider: {},
    commander: {},
  };
  const get = (query: Record<string, string>, headers: Headers = who.admin) =>
    fetch(`${base}/api/v1/search?${new URLSearchParams(query)}`, { headers });
  const post = async (url: string, body: unknown) => {
    const res = await fetch(`${base}/api/v1${url}`, {
      method: "POST",
      headers: { ...who.admin, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(res.status, await res.clone().text()).toBeLessThan(300);
    return res.json();
  };

  beforeAll(async () => {
    rt = await testRuntime(sqlite);
    app = await buildApp(rt, { logger: false });
    base = await app.listen({ host: "127.0.0.1", port: 0 });
    who.admin = (await userWithToken(rt, "admin")).headers;
    who.outsider = (
      await userWithToken(rt, "responder", "write", { person_id: "kenji-sato" })
    ).headers;
    who.commander = (
      await userWithToken(rt, "responder", "write", { person_id: "amara-okafor" })
    ).headers;
    const open = await post("/incidents", { title: "Beacon to a C2 host", type: "ransomware" });
    await post(`/incidents/${open.human_id}/indicators`, {
      type: "domain",
      value: "evil-c2[.]example[.]net",
    });
    await post("/incidents", {
      title: "HR clerk copying files to evil-c2.example.net",
      type: "insider",
      restricted: true,
      commander: "amara-okafor",
    });
  });
  afterAll(async () => {
    await app?.close();
    await rt?.close();
  });

  it("answers incidents best first with the passages that matched", async () => {
    const res = await get({ q: "evil-c2[.]example[.]net" });
    expect(res.status).toBe(200);
    const page = await res.json();
    expect(page.items).toHaveLength(2);
    const beacon = page.items.find((i: { title: string }) => i.title.startsWith("Beacon"));
    expect(beacon.snippets[0]).toMatchObject({ kind: "indicator" });
    expect(
      beacon.snippets[0].parts
        .filter((p: { match: boolean }) => p.match)
        .map((p: { text: string }) => p.text),
    ).toEqual(["evil", "c2", "example", "net"]);
  });

  it("leaves a restricted incident out for a non-member, and in for its commander", async () => {
    const titles = async (headers: Headers) =>
      (
        (await (await get({ q: "evil-c2.example.net" }, headers)).json()).items as {
          title: string;
        }[]
      )
        .map((i) => i.title)
        .sort();
    expect(await titles(who.outsider)).toEqual(["Beacon to a C2 host"]);
    expect(await titles(who.commander)).toHaveLength(2);
    const hidden = await (await get({ q: "clerk" }, who.outsider)).json();
    expect(hidden).toEqual({ items: [], next_cursor: null });
  });

  it("filters and pages", async () => {
    const insider = await (await get({ q: "evil-c2.example.net", type: "insider" })).json();
    expect(insider.items.map((i: { type: string }) => i.type)).toEqual(["insider"]);
    const first = await (await get({ q: "evil-c2.example.net", limit: "1" })).json();
    expect(first.items).toHaveLength(1);
    const second = await (
      await get({ q: "evil-c2.example.net", limit: "1", cursor: first.next_cursor })
    ).json();
    expect(second.items).toHaveLength(1);
    expect(second.items[0].id).not.toBe(first.items[0].id);
  });

  it("answers problem+json for a bad query, and never a 5xx", async () => {
    for (const query of [
      {},
      { q: "" },
      { q: "* - :" },
      { q: "x", limit: "101" },
      { q: "x", since: "yesterday" },
    ]) {
      const res = await get(query as Record<string, string>);
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
    }
    for (const q of HOSTILE_SEARCH_QUERIES) {
      const res = await get({ q });
      expect([200, 400], JSON.stringify(q)).toContain(res.status);
    }
  });

  it("needs a signed-in caller", async () => {
    expect((await get({ q: "evil" }, {})).status).toBe(401);
  });
});
