import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { declareByCli, runCli } from "../support/cli.js";
import { type CliDatabase, cliDatabase } from "../support/cli-database.js";

/** `firebreak search` on the local database: a readable table, --json, and exit 2 for a bad query. */
describe("firebreak search", () => {
  let db: CliDatabase;
  const cli = (args: string[]) => runCli([...args, ...db.args], { env: db.env });
  let incident = "";

  beforeAll(async () => {
    db = await cliDatabase("sqlite");
    incident = (await declareByCli(db.args)).human_id;
    const note = await cli([
      "incident",
      "note",
      incident,
      "Beacon to hxxp://evil[.]example[.]com seen",
    ]);
    expect(note.code, note.stderr).toBe(0);
    // Two processes start against a fresh database: slow on a busy machine.
  }, 120_000);
  afterAll(async () => db?.drop());

  it("prints each incident with the passages that matched, the matched words marked", async () => {
    const found = await cli(["search", "http://evil.example.com", "--severity", "emergency"]);
    expect(found.code, found.stderr).toBe(0);
    const lines = found.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(
      new RegExp(`^${incident} +emergency +detection +ransomware +Files encrypted on FS01$`),
    );
    expect(lines[1]).toMatch(
      /^ {4}timeline +Beacon to \[http\]:\/\/\[evil\]\.\[example\]\.\[com\] seen$/,
    );
  });

  it("prints one JSON document with --json", async () => {
    const json = await cli(["search", "FS01", "--json"]);
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      items: [{ human_id: incident, snippets: [{ kind: "title" }] }],
      next_cursor: null,
    });
  });

  it("exits 2 with a clear message for a query without words", async () => {
    const bad = await cli(["search", "*", "-", ":"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("give at least one word to search for");
  });
});
