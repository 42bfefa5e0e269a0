import { mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../test/support/databases.js";
import { POPPLER_MISSING, pdfPages, pdfText, pdfToPng } from "../../test/support/poppler.js";
import {
  fullyWorkedIncident,
  operator,
  ransomwareWithRecords,
} from "../../test/support/postincident.js";
import { runtimePerTest, testRuntime } from "../../test/support/runtime.js";
import { fixedClock } from "../domain/clock.js";
import type { ReportFormat } from "../domain/report-kinds.js";
import { addNote } from "../response/timeline.service.js";
import type { Runtime } from "../runtime.js";
import { generateReport, getReport, listReports, previewReport } from "./report.service.js";

const FORMATS: ReportFormat[] = ["md", "html", "pdf"];

/** The text a reader sees: Markdown/HTML as is, PDF through pdftotext (with line breaks undone). */
function readable(bytes: Buffer, format: ReportFormat): string | undefined {
  if (format !== "pdf") return bytes.toString("utf8");
  if (POPPLER_MISSING) return undefined;
  const file = join(mkdtempSync(join(tmpdir(), "fb-pdf-")), "r.pdf");
  writeFileSync(file, bytes);
  return pdfText(file);
}

describe.each(TEST_DIALECTS)("reports on $name", (dialect) => {
  let rt: Runtime;
  const clock = fixedClock("2026-03-02T09:00:00.000Z");
  beforeEach(() => clock.set("2026-03-02T09:00:00.000Z"));
  runtimePerTest(dialect, { clock }, (fresh) => {
    rt = fresh;
  });

  it("executive report contains none of the incident's indicators, hashes or raw events; the technical report contains all of them", async () => {
    const { incident, indicators, hashes } = await ransomwareWithRecords(rt);
    // A responder quotes an indicator and a hash in a decision: the briefing must not repeat them.
    await addNote(
      rt,
      incident.id,
      {
        kind: "decision",
        text: `Block ${indicators[0]} at the edge; loader ${indicators[2]} quarantined.`,
      },
      operator,
    );
    clock.advance(60_000);
    const timeline = await rt.incidents.timeline(incident.id);
    const kinds = [...new Set(timeline.map((e) => e.kind))].filter((k) => k.includes("."));
    for (const format of FORMATS) {
      const exec = readable(
        (await previewReport(rt, incident.id, "executive", format, undefined)).bytes,
        format,
      );
      const tech = readable(
        (await previewReport(rt, incident.id, "technical", format, undefined)).bytes,
        format,
      );
      if (exec === undefined || tech === undefined) continue;
      for (const secret of [...indicators, ...hashes, ...timeline.map((e) => e.hash)])
        expect(exec.toLowerCase(), `${format} executive leaks ${secret}`).not.toContain(
          secret.toLowerCase(),
        );
      for (const k of kinds)
        expect(exec, `${format} executive shows raw event ${k}`).not.toContain(k);
      expect(exec).not.toMatch(/\{"/);
      expect(exec).toContain("quarantined"); // …it says the decision was taken, just not the IOCs
      expect(exec).toMatch(/Block \\?\[withheld\\?\] at the edge/);
      expect(exec).toContain("120,000");

      // Hashes may wrap in a PDF table cell; compare with whitespace removed.
      const flat = tech.replace(/\s+/g, "");
      for (const value of [...indicators, ...hashes, ...incident.source_alerts])
        expect(flat, `${format} technical misses ${value}`).toContain(value.replace(/\s+/g, ""));
      for (const k of kinds) expect(tech).toContain(k);
      expect(tech).toContain(`${timeline.length + 0} entries`);
    }
  });

  it("stores reports as versions with their SHA-256, lists them and returns their bytes", async () => {
    const { incident } = await ransomwareWithRecords(rt);
    const v1 = await generateReport(
      rt,
      incident.human_id,
      { kind: "executive", format: "md" },
      operator,
    );
    clock.advance(3_600_000);
    const v2 = await generateReport(rt, incident.id, { kind: "executive", format: "md" }, operator);
    clock.advance(60_000);
    const pdf = await generateReport(
      rt,
      incident.id,
      { kind: "after-action", format: "pdf" },
      operator,
    );
    expect([v1.version, v2.version, pdf.version]).toEqual([1, 2, 1]);
    expect(v1.incident_version).toBeLessThan(v2.incident_version);
    const got = await getReport(rt, pdf.id);
    expect(got.bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const { createHash } = await import("node:crypto");
    expect(createHash("sha256").update(got.bytes).digest("hex")).toBe(pdf.sha256);
    expect(got.meta.media_type).toBe("application/pdf");
    expect((await listReports(rt, incident.id, undefined)).map((r) => r.id)).toEqual([
      pdf.id,
      v2.id,
      v1.id,
    ]);
    const entries = (await rt.incidents.timeline(incident.id)).filter(
      (e) => e.kind === "report.generated",
    );
    expect(entries.map((e) => e.payload.sha256)).toEqual([v1.sha256, v2.sha256, pdf.sha256]);
    await expect(
      generateReport(rt, incident.id, { kind: "gossip", format: "md" }, operator),
    ).rejects.toThrow(/kind must be one of/);
  });

  it("escapes recorded text: a hostile title is shown, never run", async () => {
    const { incident } = await ransomwareWithRecords(rt, {
      title: "<script>alert(1)</script> *bold* [x](javascript:alert(2)) | pipe",
    });
    const html = (
      await previewReport(rt, incident.id, "technical", "html", undefined)
    ).bytes.toString();
    expect(html).not.toContain("<script>alert");
    expect(html).not.toContain('href="javascript');
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; *bold*");
    expect(html).toContain("Content-Security-Policy");
    expect(html).not.toMatch(/(src|href)="https?:/);
  });
});

describe("after-action report of an incident taken through every phase", () => {
  const sqlite = TEST_DIALECTS[0];
  it("renders a PDF with the phase timeline, root cause and action items (pdftoppm)", async (ctx) => {
    const clock = fixedClock("2026-03-02T09:00:00.000Z");
    const rt = await testRuntime(sqlite as (typeof TEST_DIALECTS)[number], { clock });
    try {
      const incident = await fullyWorkedIncident(rt, clock);
      expect(incident.phase).toBe("closed");
      const { bytes } = await previewReport(rt, incident.id, "after-action", "pdf", undefined);
      expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
      const dir = join("test-artifacts", "reports");
      mkdirSync(dir, { recursive: true });
      const file = join(dir, "after-action.pdf");
      writeFileSync(file, bytes);
      if (POPPLER_MISSING) return ctx.skip(POPPLER_MISSING);
      const pages = pdfPages(file);
      expect(pages).toBeGreaterThanOrEqual(2);
      const text = pdfText(file).replace(/\s+/g, " ");
      for (const expected of [
        "After-action report: Files encrypted on FS01",
        "Phase timeline",
        "Timeline of key events",
        "Root cause chain:",
        "ROOT CAUSE: The VPN accepted a password without MFA",
        "Phishing-resistant MFA on every remote access path",
        "Enforce FIDO2 MFA on the VPN",
        "Introduce a tiered admin model",
        "Isolate at the switch port",
        "Plan adherence",
        "required procedure steps were done on time",
        "Undetected activity",
      ])
        expect(text).toContain(expected);
      pdfToPng(file, join(dir, "after-action"));
      const pngs = readdirSync(dir).filter((f) => /^after-action-\d+\.png$/.test(f));
      expect(pngs).toHaveLength(pages);
      for (const png of pngs) expect(statSync(join(dir, png)).size).toBeGreaterThan(10_000);
    } finally {
      await rt.close();
    }
  });
});
