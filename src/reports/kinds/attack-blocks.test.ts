import { describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../../test/support/databases.js";
import { encodedPowershell, shadowDelete } from "../../../test/support/detection.js";
import { operator } from "../../../test/support/response-helpers.js";
import { runtimePerTest } from "../../../test/support/runtime.js";
import { ingestEvents } from "../../detection/ingest.service.js";
import { addIncidentTechnique } from "../../response/attack.service.js";
import type { Runtime } from "../../runtime.js";
import { previewReport } from "../report.service.js";

const ndjson = (events: unknown[]) => events.map((e) => JSON.stringify(e)).join("\n");

describe.each(TEST_DIALECTS.slice(0, 1))("ATT&CK in reports on $name", (dialect) => {
  let rt: Runtime;
  runtimePerTest(dialect, {}, (fresh) => {
    rt = fresh;
  });

  it("lists techniques with names, tactics and where from in the technical and after-action reports", async () => {
    const first = await ingestEvents(rt, { text: ndjson([shadowDelete("FS04")]) });
    const id = first.incidents[0]?.incident_id as string;
    await ingestEvents(rt, { text: ndjson([encodedPowershell("FS04")]) });
    await addIncidentTechnique(rt, id, { technique: "T1486", reason: "ransom note" }, operator);

    for (const kind of ["technical", "after-action"] as const) {
      const md = (await previewReport(rt, id, kind, "md", undefined)).bytes.toString("utf8");
      expect(md, kind).toContain("ATT&CK techniques");
      const row = (technique: string) => md.split("\n").find((l) => l.includes(`| ${technique}`));
      expect(row("T1059.001"), kind).toMatch(
        /PowerShell \(sub-technique of T1059\).*Execution.*alert: .*PowerShell/i,
      );
      expect(row("T1486"), kind).toMatch(/Data Encrypted for Impact.*Impact.*added by hand/);
      expect(row("T1490"), kind).toMatch(/Inhibit System Recovery.*Impact.*declaring alert/);
    }
  });
});
