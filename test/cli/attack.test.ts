import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { TEST_DIALECTS, type TestDialect } from "../support/databases.js";
import { encodedPowershell, listeningDetection, shadowDelete } from "../support/detection.js";

const ndjson = (events: unknown[]) => events.map((e) => JSON.stringify(e)).join("\n");

/** `firebreak attack …` against a running server: list, add, remove, and a layer to a file. */
describe("firebreak attack", () => {
  const served = listeningDetection(TEST_DIALECTS[0] as TestDialect);
  const cli = (args: string[]) => runCli([...args, ...served.server]);
  let incident = "";

  beforeAll(async () => {
    const res = await served.app.inject({
      method: "POST",
      url: "/api/v1/events",
      payload: ndjson([shadowDelete("FS03"), encodedPowershell("FS03")]),
      headers: { "content-type": "application/x-ndjson" },
    });
    expect(res.statusCode).toBe(202);
    const found = (await served.rt.incidents.list({}, 10)).items.find((i) =>
      i.title.includes("FS03"),
    );
    incident = found?.human_id ?? "";
  });

  it("lists, adds and removes techniques, with --json one document and bad input exit 2", async () => {
    const text = await cli(["attack", "list", incident]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/T1059\.001 +PowerShell {2}\[execution\] {2}\(1 alert\)/);

    const added = await cli([
      "attack",
      "add",
      incident,
      "T1486",
      "--reason",
      "ransom note",
      "--json",
    ]);
    expect(added.code, added.stderr).toBe(0);
    expect(JSON.parse(added.stdout).items).toContainEqual(
      expect.objectContaining({ id: "T1486", by_hand: true }),
    );
    const removed = await cli(["attack", "remove", incident, "t1027", "--reason", "over-tagged"]);
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stdout).not.toContain("T1027");

    const unknown = await cli(["attack", "add", incident, "T0001", "--reason", "x"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("not an ATT&CK Enterprise technique");
    const noReason = await cli(["attack", "add", incident, "T1486"]);
    expect(noReason.code).toBe(2);
  });

  it("writes a Navigator layer of the period's incidents to a file", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "fb-layer-")), "layer.json");
    const since = new Date(Date.now() - 3_600_000).toISOString();
    const res = await cli(["attack", "layer", "--since", since, "--out", out, "--json"]);
    expect(res.code, res.stderr).toBe(0);
    const summary = JSON.parse(res.stdout);
    expect(summary).toMatchObject({ file: out, incidents: 1 });
    const layer = JSON.parse(readFileSync(out, "utf8"));
    expect(layer.versions).toMatchObject({ layer: "4.5" });
    expect(layer.techniques.map((t: { techniqueID: string }) => t.techniqueID)).toContain("T1490");
    expect(summary.techniques).toBe(
      new Set(layer.techniques.map((t: { techniqueID: string }) => t.techniqueID)).size,
    );

    const stdout = await cli(["attack", "layer", incident]);
    expect(stdout.code, stdout.stderr).toBe(0);
    expect(JSON.parse(stdout.stdout).name).toContain(incident);
    const bad = await cli(["attack", "layer", "--since", "yesterday"]);
    expect(bad.code).toBe(2);
  });
});
