import { describe, expect, it } from "vitest";
import { ingestEvents } from "../../src/detection/ingest.service.js";
import { encodedPowershell, shadowDelete } from "../support/detection.js";
import { browserMissing } from "./support/browser.js";
import { open } from "./support/pages.js";
import { browserSuite } from "./support/suite.js";

if (browserMissing) console.warn(browserMissing);

const ndjson = (events: unknown[]) => events.map((e) => JSON.stringify(e)).join("\n");

/** ATT&CK in the incident room and on the metrics page, driven by a signed-in responder. */
describe.skipIf(browserMissing)("ATT&CK techniques in the browser", { timeout: 90_000 }, () => {
  let human = "";
  const suite = browserSuite(async (server) => {
    const result = await ingestEvents(server.rt, {
      text: ndjson([shadowDelete("FS09"), encodedPowershell("FS09")]),
    });
    human = result.incidents[0]?.human_id ?? "";
  });

  it("shows techniques by tactic in the room, adds and removes one with a reason, and counts them on the metrics page", async () => {
    expect(human).toMatch(/^INC-/);
    const page = await suite.newPage();
    await open(page, suite.server.base, `/incidents/${human}`, /./);
    await page.getByRole("tab", { name: /Indicators/ }).click();
    const panel = page.getByRole("region", { name: "ATT&CK techniques" });
    await panel.getByRole("heading", { name: "Impact" }).waitFor();
    await panel.getByText("Inhibit System Recovery").waitFor();
    await panel.getByRole("link", { name: "alert 1" }).first().waitFor();

    await page.getByLabel("Technique (id or name)").fill("Data Encrypted for Impact");
    await page.getByLabel("Reason", { exact: true }).fill("ransom note on the share");
    await page.getByRole("button", { name: "Add technique" }).click();
    await panel.locator("li", { hasText: "T1486" }).getByText("added by hand").waitFor();

    await panel
      .getByRole("button", { name: "Remove T1027 Obfuscated Files or Information" })
      .click();
    const dialog = page.getByRole("dialog", { name: /Remove T1027/ });
    await dialog.getByLabel("Reason").fill("the command line was not obfuscated");
    await dialog.getByRole("button", { name: "Remove technique" }).click();
    await dialog.waitFor({ state: "hidden" });
    await panel.getByText("T1027").waitFor({ state: "detached" });

    await open(page, suite.server.base, "/metrics", "Metrics");
    const seen = page.getByRole("region", { name: "ATT&CK techniques seen" });
    await seen.getByText("T1490").waitFor();
    expect(
      await seen
        .getByRole("row", { name: /Impact/ })
        .first()
        .textContent(),
    ).toMatch(/Impact1/);
  });
});
