import { sql } from "kysely";
import { beforeEach, describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../test/support/databases.js";
import { operator, rejection } from "../../test/support/response-helpers.js";
import { runtimePerTest } from "../../test/support/runtime.js";
import { HOSTILE_SEARCH_QUERIES } from "../../test/support/search-queries.js";
import type { Actor } from "../domain/actor.js";
import type { Incident } from "../domain/incident/model.js";
import { recordLessons } from "../postincident/lessons.service.js";
import { upsertAssets } from "../response/asset.service.js";
import { addEvidence } from "../response/evidence.service.js";
import { declareIncident } from "../response/incident.service.js";
import { addIndicators } from "../response/indicator.service.js";
import { type SearchQuery, searchIncidents } from "../response/search.service.js";
import { addTask, updateTask } from "../response/task.service.js";
import { addNote } from "../response/timeline.service.js";
import type { Runtime } from "../runtime.js";

const person = (id: string): Actor => ({ kind: "person", id, name: id });
const SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

/**
 * Full-text search over the index of migration 0030, on both databases: every source is found
 * through the triggers that keep the index (no code here writes it), defanged and exact forms
 * meet, restricted incidents exist only for their participants, and no typed text is syntax.
 */
describe.each(TEST_DIALECTS)("search on $name", (dialect) => {
  let rt: Runtime;
  runtimePerTest(dialect, {}, (fresh) => {
    rt = fresh;
  });

  const search = (q: string, extra: Omit<SearchQuery, "q"> = {}, actor: Actor = operator) =>
    searchIncidents(rt, actor, { q, ...extra });
  const found = async (q: string, extra: Omit<SearchQuery, "q"> = {}, actor?: Actor) =>
    (await search(q, extra, actor)).items.map((i) => i.human_id);

  const declare = (title: string, extra: Record<string, unknown> = {}) =>
    declareIncident(rt, { title, type: "ransomware", severity: "emergency", ...extra }, operator);

  describe("with one incident of every record", () => {
    let incident: Incident;
    beforeEach(async () => {
      incident = await declare("Files encrypted on FS01", {
        description: "Helpdesk saw the quarterly ledger renamed with a .lockbit extension",
      });
      await addIndicators(
        rt,
        incident.id,
        [
          { type: "url", value: "hxxp://evil-c2[.]example[.]net/gate.php", description: "beacon" },
          { type: "ip", value: "203.0.113.77", description: "C2 server" },
        ],
        operator,
      );
      await addEvidence(
        rt,
        incident.id,
        {
          name: "Hypervisor memory image",
          sha256: SHA,
          size: 1024,
          location: "locker A/12",
          acquired_by: "tomas-lindqvist",
        },
        operator,
      );
      await upsertAssets(
        rt,
        incident.id,
        [{ name: "payroll-db07", status: "compromised" }],
        operator,
      );
      const task = await addTask(
        rt,
        incident.id,
        { title: "Rotate the krbtgt secret twice", phase: "eradication" },
        operator,
      );
      await updateTask(
        rt,
        incident.id,
        task.id,
        { note: "waiting for the wintermute window" },
        operator,
      );
      await addNote(
        rt,
        incident.id,
        { text: "Attacker pivoted through the jumphost bastion9" },
        operator,
      );
      await addNote(
        rt,
        incident.id,
        { kind: "decision", text: "We will not pay; restore from tapes" },
        operator,
      );
      await recordLessons(
        rt,
        incident.id,
        { what_happened: "Encryption spread overnight", learned: ["Segment the zanzibar VLAN"] },
        operator,
      );
    });

    it("finds each kind of record, saying which record matched", async () => {
      const where = async (q: string) => {
        const [hit] = (await search(q)).items;
        expect(hit?.id, q).toBe(incident.id);
        return hit?.snippets[0];
      };
      expect((await where("FS01"))?.kind).toBe("title");
      expect((await where(incident.human_id))?.kind).toBe("title");
      expect((await where("ledger lockbit"))?.kind).toBe("description");
      expect((await where("203.0.113.77"))?.kind).toBe("indicator");
      expect((await where(SHA))?.kind).toBe("evidence");
      expect((await where("hypervisor"))?.kind).toBe("evidence");
      expect((await where("payroll-db07"))?.kind).toBe("asset");
      expect((await where("krbtgt"))?.kind).toBe("task");
      expect((await where("wintermute"))?.kind).toBe("task");
      expect((await where("bastion9"))?.kind).toBe("timeline");
      expect((await where('"restore from tapes"'))?.kind).toBe("timeline");
      expect((await where("zanzibar"))?.kind).toBe("lessons");
      const task = (await rt.incidents.tasks(incident.id)).find((t) => t.title.includes("krbtgt"));
      expect((await where("krbtgt"))?.ref).toBe(task?.id);
    });

    it("marks the matched words in the snippet", async () => {
      const [hit] = (await search("jumphost")).items;
      const parts = hit?.snippets[0]?.parts ?? [];
      expect(parts.filter((p) => p.match).map((p) => p.text)).toEqual(["jumphost"]);
      expect(parts.map((p) => p.text).join("")).toBe(
        "Attacker pivoted through the jumphost bastion9",
      );
    });

    it("finds an indicator from its defanged and its plain form, and nothing from half of a value", async () => {
      for (const q of [
        "http://evil-c2.example.net/gate.php",
        "hxxp://evil-c2[.]example[.]net",
        "evil-c2[dot]example[dot]net",
        "EVIL-C2.EXAMPLE.NET",
        "gate.php",
      ])
        expect(await found(q), q).toEqual([incident.human_id]);
      expect(await found("203.0.113.78")).toEqual([]);
      expect(await found("example.net.evil")).toEqual([]);
    });

    it("finds a defanged value written into a note from its plain form", async () => {
      await addNote(
        rt,
        incident.id,
        { text: "Seen beaconing to hxxps://cdn-upd[.]example[.]org" },
        operator,
      );
      expect(await found("https://cdn-upd.example.org")).toEqual([incident.human_id]);
    });

    it("keeps the index current when a record changes, moves or goes", async () => {
      const task = (await rt.incidents.tasks(incident.id)).find((t) => t.title.includes("krbtgt"));
      await updateTask(
        rt,
        incident.id,
        task?.id as string,
        { note: "done by tangerine" },
        operator,
      );
      expect(await found("tangerine")).toEqual([incident.human_id]);
      expect(await found("wintermute")).toEqual([incident.human_id]);
    });

    it("reads prefixes, and needs every term", async () => {
      expect(await found("jump*")).toEqual([incident.human_id]);
      expect(await found("jumphost nowhere")).toEqual([]);
    });
  });

  it("ranks a title match above a mention in the timeline", async () => {
    const mentioned = await declare("Phishing wave");
    for (let i = 0; i < 3; i++)
      await addNote(rt, mentioned.id, { text: `Marmalade was on the list, check ${i}` }, operator);
    const titled = await declare("Marmalade exfiltration");
    const again = await declare("Another phishing wave");
    await addNote(rt, again.id, { text: "marmalade" }, operator);
    const order = await found("marmalade");
    expect(order[0]).toBe(titled.human_id);
    expect(order.sort()).toEqual([mentioned.human_id, titled.human_id, again.human_id].sort());
  });

  it("filters by type, severity, phase, declaration time and tag", async () => {
    const a = await declare("Quokka on FS01");
    const b = await declareIncident(
      rt,
      { title: "Quokka in the mail", type: "phishing", severity: "inconvenience" },
      operator,
    );
    const [indicator] = await addIndicators(
      rt,
      b.id,
      [{ type: "ip", value: "198.51.100.9" }],
      operator,
    );
    await rt.indicatorTags.add([
      { indicator_id: indicator?.indicator.id as string, tag: "tlp:amber" },
    ]);
    expect((await found("quokka")).sort()).toEqual([a.human_id, b.human_id].sort());
    expect(await found("quokka", { type: "phishing" })).toEqual([b.human_id]);
    expect(await found("quokka", { severity: "emergency" })).toEqual([a.human_id]);
    expect(await found("quokka", { phase: "closed" })).toEqual([]);
    expect(await found("quokka", { tag: "tlp:amber" })).toEqual([b.human_id]);
    expect(await found("quokka", { tag: "tlp:red" })).toEqual([]);
    expect(await found("quokka", { until: "2000-01-01T00:00:00Z" })).toEqual([]);
    expect((await found("quokka", { since: a.times.declared_at })).length).toBe(2);
  });

  it("hides a restricted incident from a non-member, pages included, and shows it to members", async () => {
    const open = await declare("Walrus sighting in the lobby");
    const secret = await declareIncident(
      rt,
      {
        title: "Walrus clerk copying salary files",
        type: "insider",
        restricted: true,
        commander: "amara-okafor",
      },
      operator,
    );
    await addNote(rt, secret.id, { text: "walrus walrus walrus" }, operator);
    const outsider = person("kenji-sato");
    expect(await found("walrus", {}, outsider)).toEqual([open.human_id]);
    // A page of one, and no next page: the hidden match is not counted either.
    const page = await search("walrus", { limit: 1 }, outsider);
    expect(page.items.map((i) => i.human_id)).toEqual([open.human_id]);
    expect(page.next_cursor).toBeNull();
    expect(await found("salary", {}, outsider)).toEqual([]);
    expect(await found("salary", {}, person("amara-okafor"))).toEqual([secret.human_id]);
    expect((await found("walrus", {}, operator)).length).toBe(2);
  });

  it("walks back past the records that the visibility rule or the filters drop", async () => {
    const older = await declare("Okapi pen left open");
    const secret = await declareIncident(
      rt,
      {
        title: "Keeper copies files",
        type: "insider",
        restricted: true,
        commander: "amara-okafor",
      },
      operator,
    );
    // More than a round of the newest matching records, all of an incident most cannot see.
    for (let i = 0; i < 300; i++)
      await addNote(rt, secret.id, { text: `okapi feed ${i}` }, operator);
    const outsider = person("kenji-sato");
    expect(await found("okapi", {}, outsider)).toEqual([older.human_id]);
    // A filter that drops the newest records: the search reads the kept incidents' records.
    expect(await found("okapi", { type: "ransomware" })).toEqual([older.human_id]);
    expect(await found("okapi", { type: "insider" })).toEqual([secret.human_id]);
    expect(await found("okapi", { type: "phishing" })).toEqual([]);
    const both = await search("okapi", { limit: 1 });
    const next = await search("okapi", { limit: 1, cursor: both.next_cursor as string });
    expect([...both.items, ...next.items].map((i) => i.human_id).sort()).toEqual(
      [older.human_id, secret.human_id].sort(),
    );
    expect(next.next_cursor).toBeNull();
  });

  it("pages with a cursor", async () => {
    for (const n of [1, 2, 3]) await declare(`Narwhal ${n}`);
    const first = await search("narwhal", { limit: 2 });
    expect(first.items).toHaveLength(2);
    const second = await search("narwhal", { limit: 2, cursor: first.next_cursor as string });
    expect(second.items).toHaveLength(1);
    expect(second.next_cursor).toBeNull();
    const all = [...first.items, ...second.items].map((i) => i.id);
    expect(new Set(all).size).toBe(3);
    expect((await rejection(search("narwhal", { cursor: "abc" }))).code).toBe("invalid_input");
    expect((await rejection(search("narwhal", { limit: 101 }))).code).toBe("invalid_input");
  });

  it("reads hostile input as text: no query is syntax, none fails", async () => {
    const incident = await declare('Quote " star * NEAR( minus - colon : bang !');
    for (const q of HOSTILE_SEARCH_QUERIES) {
      const answer = await search(q).then(
        (page) => page,
        (e: unknown) => e,
      );
      if (answer instanceof Error)
        expect((answer as { code?: string }).code, q).toBe("invalid_input");
    }
    expect(await found("NEAR(")).toEqual([incident.human_id]);
    expect(await found('"quote star"')).toEqual([incident.human_id]);
    expect(await found("-minus")).toEqual([incident.human_id]);
    expect((await rejection(search('" * : -'))).code).toBe("invalid_input");
  });

  it("indexes the records stored before the migration", async () => {
    const incident = await declare("Pangolin on the VPN");
    // The backfill is the migration's own insert, run again over the same rows.
    await sql`delete from search_documents`.execute(rt.db.kysely);
    expect(await found("pangolin")).toEqual([]);
    const { createSearchIndex, dropSearchIndex } = await import("./migrations/search-index.js");
    await dropSearchIndex(rt.db.kysely as never);
    await createSearchIndex(rt.db.kysely as never);
    expect(await found("pangolin")).toEqual([incident.human_id]);
  });
});
