import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUILTIN_LIBRARY_DIR, loadLibrary } from "../../src/documents/library.js";
import { runCli } from "../support/cli.js";
import { browserMissing, launchBrowser } from "./support/browser.js";

/**
 * The day the systems are down: `firebreak export kit` writes one HTML file that a browser
 * opens from disk with no server running, loads nothing from anywhere, and holds every
 * procedure.
 */
describe("the offline kit in a browser", () => {
  let browser: Browser | undefined;
  const dir = mkdtempSync(join(tmpdir(), "fb-kit-"));
  beforeAll(async () => {
    if (!browserMissing) browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("opens from file:// with no server and contains every procedure", async (ctx) => {
    const out = join(dir, "kit");
    const cli = await runCli([
      "export",
      "kit",
      "--out",
      out,
      "--data-dir",
      join(dir, "data"),
      "--json",
    ]);
    expect(cli.code, cli.stderr).toBe(0);
    const result = JSON.parse(cli.stdout);
    expect(result.procedures.length).toBe(11);
    expect(readdirSync(out).sort()).toEqual([`${result.name}.html`, `${result.name}.pdf`]);
    if (browserMissing) ctx.skip(browserMissing);

    const page = await (browser as Browser).newPage();
    const requests: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    const url = pathToFileURL(result.files.html).href;
    await page.goto(url);
    // Nothing but the file itself: no stylesheet, script, font or image from anywhere.
    expect(requests).toEqual([url]);

    const library = await loadLibrary([BUILTIN_LIBRARY_DIR]);
    const titles = library.documents.filter((d) => d.kind === "procedure").map((d) => d.body.title);
    expect(titles).toHaveLength(11);
    for (const title of titles)
      await expect(page.getByRole("heading", { name: title }).first().isVisible()).resolves.toBe(
        true,
      );
    // The table of contents leads to a procedure within the page.
    await page.getByRole("link", { name: "Ransomware" }).first().click();
    expect(page.url()).toBe(`${url}#procedure-ransomware`);
    await expect(page.locator("#card-amara-okafor").textContent()).resolves.toContain(
      "Incident Commander",
    );
    await page.close();
  });
});
