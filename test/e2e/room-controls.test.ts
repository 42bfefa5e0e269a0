import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { upsertAsset } from "../../src/response/asset.service.js";
import { declareIncident } from "../../src/response/incident.service.js";
import { declineIncident } from "../../src/response/phase.service.js";
import { browserMissing, screenshot } from "./support/browser.js";
import { open } from "./support/pages.js";
import { SEED_ACTOR } from "./support/seed.js";
import { browserSuite } from "./support/suite.js";

if (browserMissing) console.warn(browserMissing);

/** The commander's controls in the incident room, driven by the signed-in commander. */
describe.skipIf(browserMissing)("the commander's controls in the room", { timeout: 90_000 }, () => {
  const suite = browserSuite();

  const declare = (title: string, extra = {}) =>
    declareIncident(
      suite.server.rt,
      { title, type: "data-breach", severity: "emergency", commander: "amara-okafor", ...extra },
      SEED_ACTOR,
    );

  async function room(ref: string): Promise<Page> {
    const page = await suite.newPage();
    await open(page, suite.server.base, `/incidents/${ref}`, /./);
    return page;
  }

  it("sets personal data after declaring, sees the GDPR clock start, and records the notification with its channel and reference", async () => {
    const incident = await declare("Laptop with the HR export stolen");
    const page = await room(incident.human_id);

    await page.getByRole("button", { name: "Attributes" }).click();
    const attributes = page.getByRole("dialog", { name: "Attributes" });
    await attributes.getByLabel("Personal data involved").check();
    await attributes.getByLabel(/^Reason/).fill("The laptop held the HR export");
    await attributes.getByRole("button", { name: "Save attributes" }).click();
    await attributes.waitFor({ state: "hidden" });

    // No reload: the room's clocks follow the timeline.
    await page.getByRole("tab", { name: /Clocks/ }).click();
    const gdpr = page.locator("article.clock", { hasText: "GDPR Art. 33" });
    await gdpr.getByText("running").first().waitFor();

    await gdpr.getByRole("button", { name: "Record as notified…" }).click();
    const record = page.getByRole("dialog", { name: "Record the notification" });
    await record
      .getByText(
        /marks the GDPR Art\. 33 .* deadline Notification to the supervisory authority met/,
      )
      .waitFor();
    const confirm = record.getByRole("button", { name: /Mark .* met/ });
    expect(await confirm.isDisabled()).toBe(true);
    await record.getByLabel("Sent by").selectOption("portal");
    await record.getByLabel("Reference number").fill("ICO-2026-0042");
    await screenshot(page, "room-record-notification");
    await confirm.click();
    await record.waitFor({ state: "hidden" });
    await gdpr.getByText(/by portal reference ICO-2026-0042/).waitFor();
  });

  it("keeps a panel on screen while a live update reloads it: its rows stay, and what is being typed keeps its field and focus", async () => {
    const incident = await declare("File server encrypted overnight");
    const asset = (name: string) =>
      upsertAsset(
        suite.server.rt,
        incident.human_id,
        { name, kind: "server", status: "suspected" },
        SEED_ACTOR,
      );
    await asset("fs01");
    const page = await suite.newPage();
    await open(page, suite.server.base, `/incidents/${incident.human_id}?tab=assets`, /./);
    const row = await page.getByRole("row", { name: /fs01/ }).elementHandle();
    const field = page.getByLabel("Asset", { exact: true });
    await field.fill("backup");
    await field.focus();

    // Someone else's change: the room's timeline grows and the panel reloads.
    await asset("dc01");
    await page.getByRole("row", { name: /dc01/ }).waitFor();
    expect(await row?.evaluate((el) => el.isConnected)).toBe(true);
    expect(await field.inputValue()).toBe("backup");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("asset-name");
  });

  it("adds an ad-hoc task and merges the incident into another, whose room then opens", async () => {
    const duplicate = await declare("Second report of the stolen laptop");
    const survivor = await declare("Stolen laptop: HR export");
    const page = await room(duplicate.human_id);

    await page.getByRole("button", { name: "Add task" }).click();
    const add = page.getByRole("dialog", { name: "Add a task" });
    await add.getByLabel("Task").fill("Ask the police for the theft report number");
    await add.getByLabel("Owning role").selectOption({ index: 1 });
    await add.getByLabel("Due").selectOption("PT4H");
    await add.getByRole("button", { name: "Add task" }).click();
    await add.waitFor({ state: "hidden" });
    await page.getByText("Ask the police for the theft report number").first().waitFor();

    await page.getByRole("button", { name: "Merge into…" }).click();
    const merge = page.getByRole("dialog", { name: /Merge .* into/ });
    await merge.getByLabel("Find an open incident").fill(survivor.human_id);
    await merge.getByLabel("Merge into").selectOption(survivor.human_id);
    await merge.getByLabel(/^Reason/).fill("Same theft, reported twice");
    await merge.getByText(/will end as merged/).waitFor();
    await merge.getByRole("button", { name: `Merge into ${survivor.human_id}` }).click();
    await page.waitForURL(new RegExp(`/incidents/${survivor.human_id}$`));
    await page.getByText(`${duplicate.human_id} merged into this incident`).first().waitFor();
    await page
      .getByText(new RegExp(`Moved from ${duplicate.human_id} to ${survivor.human_id}`))
      .first()
      .waitFor();
  });

  it("takes a note after the incident has ended, labelled as such", async () => {
    const incident = await declare("Backup job mistaken for exfiltration");
    await declineIncident(suite.server.rt, incident.id, "Scheduled backup", SEED_ACTOR);
    const page = await room(incident.human_id);
    const text = page.getByLabel(/^Post-close note/);
    await text.fill("The backup vendor confirmed the job ran as scheduled.");
    await page.getByRole("button", { name: "Post note after close" }).click();
    await page
      .locator(".timeline")
      .getByText("The backup vendor confirmed the job ran as scheduled.")
      .waitFor();
    expect(await page.getByRole("button", { name: "Add task" }).count()).toBe(0);
  });
});
