import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { declareByCli, runCli } from "../support/cli.js";
import { TEST_DIALECTS, type TestDialect } from "../support/databases.js";
import { listeningDetection } from "../support/detection.js";

/** `firebreak export <format> INC` and `firebreak incident indicator INC --from-misp FILE`. */
describe("firebreak export and MISP import", () => {
  const served = listeningDetection(TEST_DIALECTS[0] as TestDialect);
  const cli = (args: string[]) => runCli([...args, ...served.server]);
  const dir = mkdtempSync(join(tmpdir(), "firebreak-exchange-"));
  let incident = "";

  beforeAll(async () => {
    incident = (await declareByCli(served.server)).human_id;
  });

  it("imports a MISP event file, reporting the attributes it skipped; bad JSON is exit 2", async () => {
    const file = join(dir, "event.json");
    writeFileSync(
      file,
      JSON.stringify({
        Event: {
          info: "Partner report",
          Tag: [{ name: "tlp:green" }],
          Attribute: [
            { uuid: "a-1", type: "ip-dst", value: "198.51.100.7" },
            { uuid: "a-2", type: "url", value: "hxxp://evil[.]example/x" },
            { uuid: "a-3", type: "btc", value: "1BoatSLRHtKNngkdXEeobR76b53LETtpyT" },
          ],
        },
      }),
    );
    const text = await cli(["incident", "indicator", incident, "--from-misp", file]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain("Partner report: 2 indicators added, 0 already on");
    expect(text.stderr).toContain("skipped a-3 (btc ");
    const json = await cli(["incident", "indicator", incident, "--from-misp", file, "--json"]);
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout).imported).toMatchObject([
      { type: "ip", created: false, tags: ["tlp:green"] },
      { type: "url", value: "http://evil.example/x", created: false },
    ]);

    const broken = join(dir, "broken.json");
    writeFileSync(broken, '{\n  "Event": {\n    info: 1 }\n}');
    const bad = await cli(["incident", "indicator", incident, "--from-misp", broken]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`${broken}:3:5 `);
  });

  it("prints an export as one JSON document, or writes it to --out", async () => {
    const stix = await cli(["export", "stix", incident]);
    expect(stix.code, stix.stderr).toBe(0);
    const bundle = JSON.parse(stix.stdout);
    expect(bundle.type).toBe("bundle");
    expect(bundle.objects.filter((o: { type: string }) => o.type === "indicator")).toHaveLength(2);

    const out = join(dir, "event.misp.json");
    const written = await cli(["export", "misp", incident, "--out", out, "--json"]);
    expect(written.code, written.stderr).toBe(0);
    expect(JSON.parse(written.stdout)).toEqual({ incident, format: "misp", file: out });
    expect(JSON.parse(readFileSync(out, "utf8")).Event.Tag[0].name).toBe("tlp:amber");

    const missing = await cli(["export", "stix", "INC-1999-0001"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("does not exist");
  });
});
