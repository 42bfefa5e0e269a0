import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { declareIncident } from "../../src/response/incident.service.js";
import { browserMissing } from "./support/browser.js";
import { open } from "./support/pages.js";
import { SEED_ACTOR } from "./support/seed.js";
import { browserSuite } from "./support/suite.js";

if (browserMissing) console.warn(browserMissing);

/** The room's MISP import (indicators tab) and export downloads (reports tab), in one page. */
describe.skipIf(browserMissing)("sharing an incident, in the room", { timeout: 90_000 }, () => {
  const suite = browserSuite();

  it("imports a MISP event file, then downloads the incident as STIX", async () => {
    const incident = await declareIncident(
      suite.server.rt,
      { title: "Phishing wave", type: "ransomware" },
      SEED_ACTOR,
    );
    const page = await suite.newPage();
    await open(page, suite.server.base, `/incidents/${incident.human_id}?tab=indicators`, /./);
    const event = {
      Event: {
        info: "Partner report",
        Attribute: [
          { uuid: "a-1", type: "ip-dst", value: "198.51.100.31" },
          { uuid: "a-2", type: "btc", value: "1BoatSLRHtKNngkdXEeobR76b53LETtpyT" },
        ],
      },
    };
    await page.getByLabel("MISP event (JSON)").setInputFiles({
      name: "event.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(event)),
    });
    await page.getByText(/1 indicators added; 1 attributes skipped/).waitFor();
    await page.getByText(/MISP type 'btc' has no Firebreak indicator type/).waitFor();
    await page.getByRole("cell", { name: "198.51.100.31" }).waitFor();

    await page.getByRole("tab", { name: /Reports/ }).click();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Export STIX 2.1" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${incident.human_id}.stix.json`);
    const bundle = JSON.parse(await readFile((await download.path()) as string, "utf8"));
    expect(bundle.objects.map((o: { type: string }) => o.type)).toContain("indicator");
  });
});
