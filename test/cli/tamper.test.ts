import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { CLI_DIALECTS, type CliDatabase, cliDatabase } from "../support/cli-database.js";
import { throughRetention } from "../support/tamper.js";

/**
 * Issue 13's "done when" for tamper evidence, with the command users run: removing the newest
 * timeline entry, removing the newest audit entry and editing an incident's phase in the database
 * each make `firebreak verify` / `firebreak audit verify` exit 1 naming what is wrong.
 */
describe.each(CLI_DIALECTS)("firebreak verify and audit verify after tampering (%s)", (dialect) => {
  let db: CliDatabase;
  afterAll(async () => {
    await db?.drop();
  });

  it("exit 0 untouched, exit 1 naming each removal or edit", { timeout: 300_000 }, async () => {
    db = await cliDatabase(dialect);
    const run = (...args: string[]) => runCli([...args, ...db.args], { env: db.env });
    const ok = async (...args: string[]) => {
      const r = await run(...args);
      expect(r.code, `${args.join(" ")}: ${r.stderr}`).toBe(0);
      return r.stdout;
    };
    const declare = async (title: string) =>
      JSON.parse(await ok("incident", "declare", "--type", "phishing", "--title", title, "--json"))
        .human_id as string;

    const a = await declare("Invoice lure");
    await ok("incident", "note", a, "Clicked by 3 users");
    const b = await declare("Password spray");
    // Ending an incident is on the audit record, committed to its timeline head.
    const c = await declare("Newsletter, not phishing");
    await ok("incident", "decline", c, "--reason", "a newsletter");

    expect(JSON.parse(await ok("verify", "--json")).intact).toBe(true);
    expect(await ok("audit", "verify")).toMatch(/^audit log intact/);
    const head = JSON.parse(await ok("audit", "head", "--json")) as {
      hash: string;
      entries: number;
    };
    expect(head.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(head.entries).toBeGreaterThan(0);
    expect(await ok("audit", "head")).toBe(`${head.hash} ${head.entries}\n`);
    expect(JSON.parse(await ok("audit", "verify", "--head", head.hash, "--json"))).toMatchObject({
      intact: true,
      head: { hash: head.hash, seq: head.entries },
    });

    const handle = db.open();
    try {
      // The newest timeline entry of A goes.
      await throughRetention(handle, (tx) =>
        sql`delete from timeline where seq = 2 and incident_id = (select id from incidents where human_id = ${a})`.execute(
          tx,
        ),
      );
      const removed = await run("verify", "--json");
      expect(removed.code).toBe(1);
      const verdicts = JSON.parse(removed.stdout).verdicts as { incident: string }[];
      expect(verdicts.find((v) => v.incident === a)).toMatchObject({
        intact: false,
        first_bad_seq: 2,
        reason: expect.stringMatching(/newest entries were removed/),
      });
      expect(verdicts.find((v) => v.incident === b)).toMatchObject({ intact: true });

      // B's phase is edited in its row.
      await sql`update incidents set phase = 'containment' where human_id = ${b}`.execute(
        handle.kysely,
      );
      const edited = await run("verify", b);
      expect(edited.code).toBe(1);
      expect(edited.stdout).toContain(
        `${b}: BROKEN: stored phase "containment" is not "detection" as the timeline records`,
      );

      // The newest audit entry (C's decline) goes.
      await throughRetention(handle, (tx) =>
        sql`delete from audit_log where seq = ${head.entries}`.execute(tx),
      );
    } finally {
      await handle.close();
    }
    const audit = await run("audit", "verify");
    expect(audit.code).toBe(1);
    expect(audit.stdout).toMatch(
      new RegExp(`BROKEN at entry ${head.entries}: .*the newest entries were removed`),
    );
    const atHead = await run("audit", "verify", "--head", head.hash);
    expect(atHead.code).toBe(1);
    expect(atHead.stdout).toContain(`head ${head.hash} is not in the audit log`);
    expect((await run("audit", "verify", "--head", "not-a-hash")).code).toBe(2);
  });
});
