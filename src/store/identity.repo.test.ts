import { describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../test/support/databases.js";
import { runtimePerTest } from "../../test/support/runtime.js";
import { throughRetention } from "../../test/support/tamper.js";
import { audit, verifyAudit } from "../audit/audit.service.js";
import { bootstrapAdmin, createUser, updateUser } from "../auth/user.service.js";
import { type Actor, systemActor } from "../domain/actor.js";
import { declareIncident } from "../response/incident.service.js";
import type { Runtime } from "../runtime.js";

const system = systemActor("test");
const person = (id: string): Actor => ({ kind: "person", id, name: id });

describe.each(TEST_DIALECTS)("identity and audit stores on $name", (dialect) => {
  let rt: Runtime;
  runtimePerTest(dialect, {}, (fresh) => {
    rt = fresh;
  });

  it("keeps e-mail addresses unique whatever their case, and never stores a password", async () => {
    const input = {
      email: "Ann@Example.org",
      name: "Ann",
      role: "admin" as const,
      password: "a long enough secret",
    };
    const ann = await createUser(rt, input, system);
    expect(ann.email).toBe("ann@example.org");
    await expect(
      createUser(rt, { ...input, email: "ANN@example.org" }, system),
    ).rejects.toMatchObject({ code: "conflict" });
    const row = await rt.db.kysely.selectFrom("users").selectAll().executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(JSON.stringify(row)).not.toContain("a long enough secret");
    await expect(
      createUser(rt, { ...input, email: "b@example.org", password: "short" }, system),
    ).rejects.toMatchObject({ code: "invalid_input" });
    await expect(
      createUser(rt, { ...input, email: "c@example.org", person_id: "nobody" }, system),
    ).rejects.toMatchObject({ code: "invalid_input" });
    // The last admin cannot be disabled.
    await expect(updateUser(rt, ann.id, { disabled: true }, system)).rejects.toMatchObject({
      code: "conflict",
    });
  });

  it("creates the first admin from the environment only while there is no user", async () => {
    const first = await bootstrapAdmin(rt, "root@example.org", "first admin password", system);
    expect(first?.role).toBe("admin");
    expect(
      await bootstrapAdmin(rt, "other@example.org", "another password!", system),
    ).toBeUndefined();
    expect(await rt.identity.countUsers()).toBe(1);
  });

  it("counts concurrent sign-in failures without losing one, and restarts stale windows", async () => {
    const now = "2026-03-02T09:00:00.000Z";
    await Promise.all(
      Array.from({ length: 25 }, () =>
        rt.identity.countFailure("ip:x", now, "2026-03-02T08:45:00.000Z"),
      ),
    );
    expect((await rt.identity.throttles(["ip:x"]))[0]?.failures).toBe(25);
    const later = "2026-03-02T10:00:00.000Z";
    const row = await rt.identity.countFailure("ip:x", later, "2026-03-02T09:45:00.000Z");
    expect(row).toMatchObject({ failures: 1, window_started_at: later });
  });

  it("prunes ended sessions and stale sign-in counters, keeping live ones", async () => {
    const user = await createUser(
      rt,
      { email: "p@example.org", name: "P", role: "observer" },
      system,
    );
    const session = (id: string, last: string, expires: string) =>
      rt.identity.createSession({
        id_hash: id,
        user_id: user.id,
        created_at: last,
        last_seen_at: last,
        expires_at: expires,
        ip: null,
        user_agent: null,
      });
    await session("live", "2026-03-02T08:00:00.000Z", "2026-03-03T00:00:00.000Z");
    await session("idle", "2026-03-01T20:00:00.000Z", "2026-03-03T00:00:00.000Z");
    await session("expired", "2026-03-02T08:00:00.000Z", "2026-03-02T08:30:00.000Z");
    await rt.identity.countFailure(
      "ip:old",
      "2026-02-01T00:00:00.000Z",
      "2026-01-31T00:00:00.000Z",
    );
    await rt.identity.countFailure(
      "ip:new",
      "2026-03-02T08:59:00.000Z",
      "2026-03-02T08:00:00.000Z",
    );
    await rt.identity.prune(
      "2026-03-02T09:00:00.000Z",
      "2026-03-02T01:00:00.000Z",
      "2026-03-01T09:00:00.000Z",
    );
    const left = await rt.db.kysely.selectFrom("sessions").select("id_hash").execute();
    expect(left.map((r) => r.id_hash)).toEqual(["live"]);
    expect((await rt.identity.throttles(["ip:old", "ip:new"])).map((r) => r.key)).toEqual([
      "ip:new",
    ]);
  });

  it("appends concurrent audit entries as one unbroken chain and names a tampered entry", async () => {
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        audit(rt, { action: "test.concurrent", target: String(i), details: { i } }),
      ),
    );
    const rows = await rt.audit.list({ order: "asc" }, 100);
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(await verifyAudit(rt)).toEqual({ intact: true, entries: 40 });
    await throughRetention(rt.db, (tx) =>
      tx.updateTable("audit_log").set({ target: "changed" }).where("seq", "=", 17).execute(),
    );
    expect(await verifyAudit(rt)).toMatchObject({ intact: false, first_bad_seq: 17 });
    await throughRetention(rt.db, (tx) =>
      tx.deleteFrom("audit_log").where("seq", "=", 5).execute(),
    );
    expect(await verifyAudit(rt)).toMatchObject({ intact: false, first_bad_seq: 6 });
  });

  it("filters restricted incidents in SQL exactly as the visibility rule says", async () => {
    const admin: Actor = { ...person("operator"), admin: true };
    const restricted = { type: "insider", restricted: true };
    const byCommander = await declareIncident(
      rt,
      { ...restricted, title: "a", commander: "amara-okafor" },
      admin,
    );
    const byDeclarer = await declareIncident(
      rt,
      { ...restricted, title: "b" },
      person("kenji-sato"),
    );
    const open = await declareIncident(rt, { title: "c", type: "phishing" }, admin);
    // A person id that is a suffix of another must not match it.
    const lookalike = await declareIncident(
      rt,
      { ...restricted, title: "d" },
      person("xkenji-sato"),
    );
    const all = [byCommander, byDeclarer, open, lookalike];
    const sees: Record<string, typeof all> = {
      "amara-okafor": [byCommander, open],
      "kenji-sato": [byDeclarer, open],
      "jonas-weber": [open],
      sato: [open],
    };
    for (const [who, expected] of Object.entries(sees)) {
      const listed = await rt.incidents.list({ visibleTo: who }, 100);
      const hidden = await rt.incidents.hiddenFrom(who);
      for (const i of all)
        expect(await rt.incidents.isVisibleTo(i.id, who), `${who} ${i.title}`).toBe(
          expected.includes(i),
        );
      expect(listed.items.map((i) => i.id).sort(), who).toEqual(expected.map((i) => i.id).sort());
      expect(hidden.map((h) => h.id).sort(), who).toEqual(
        all
          .filter((i) => !expected.includes(i))
          .map((i) => i.id)
          .sort(),
      );
    }
    expect((await rt.incidents.list({}, 100)).items).toHaveLength(4);
  });
});
