import { describe, expect, it } from "vitest";
import { systemActor } from "../../src/domain/actor.js";
import { declareIncident } from "../../src/response/incident.service.js";
import { addIndicators } from "../../src/response/indicator.service.js";
import { browserMissing } from "./support/browser.js";
import { open } from "./support/pages.js";
import { browserSuite } from "./support/suite.js";

if (browserMissing) console.warn(browserMissing);

/** The top bar's search: `/` focuses it, Enter lists the matches, a result opens the room. */
describe.skipIf(browserMissing)("search in the browser", { timeout: 90_000 }, () => {
  let human = "";
  const suite = browserSuite(async (server) => {
    const incident = await declareIncident(
      server.rt,
      { title: "Beacon from the print server", type: "ransomware", severity: "emergency" },
      systemActor("test"),
    );
    await addIndicators(
      server.rt,
      incident.id,
      [{ type: "domain", value: "update-cdn.example.org", description: "C2" }],
      systemActor("test"),
    );
    human = incident.human_id;
  });

  it("searches a defanged indicator from the top bar and opens the incident", async () => {
    const page = await suite.newPage();
    await open(page, suite.server.base, "/", /./);
    await page.keyboard.press("/");
    const box = page.getByRole("searchbox", { name: "Search incidents" });
    expect(await box.evaluate((el) => el === document.activeElement)).toBe(true);
    await box.fill("update-cdn[.]example[.]org");
    await box.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Search" }).waitFor();
    const result = page.locator(".search-result", { hasText: human });
    await result.getByText("Indicator").waitFor();
    expect(await result.locator("mark").allTextContents()).toEqual([
      "update",
      "cdn",
      "example",
      "org",
    ]);
    await result.getByRole("link", { name: new RegExp(human) }).click();
    await page.getByRole("heading", { level: 1, name: /Beacon from the print server/ }).waitFor();
  });
});
