import { describe, expect, it } from "vitest";
import { formatDetail } from "../domain/errors.js";
import { BUILTIN_LIBRARY_DIR, loadLibrary } from "./library.js";
import { lintDocuments } from "./lint.js";
import type { PlanDocument } from "./plan.schema.js";

const REQUIRED_TYPES = [
  "ransomware",
  "malware",
  "phishing",
  "account-compromise",
  "data-breach",
  "denial-of-service",
  "insider",
  "lost-device",
  "web-compromise",
  "facility-loss",
  "third-party-breach",
];

describe("the built-in library", async () => {
  const lib = await loadLibrary([BUILTIN_LIBRARY_DIR]);

  it("parses without errors", () => {
    expect(lib.errors.map(formatDetail)).toEqual([]);
  });

  it("lints clean (no errors, no warnings)", () => {
    const report = lintDocuments(lib.documents, new Date());
    expect(report.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.message}`)).toEqual([]);
  });

  it("uses the source documents' severity scale and covers every required incident type", () => {
    const plan = lib.documents.find((d) => d.kind === "plan")?.body as PlanDocument;
    expect(plan.severity_scale.map((s) => s.id)).toEqual([
      "inconvenience",
      "emergency",
      "disaster",
      "catastrophe",
    ]);
    expect(plan.incident_types.map((t) => t.id)).toEqual(expect.arrayContaining(REQUIRED_TYPES));
    const procedures = lib.documents.filter((d) => d.kind === "procedure").map((d) => d.id);
    for (const t of plan.incident_types) expect(procedures).toContain(t.procedure);
  });

  it("carries the GDPR, NIS2 and SEC obligations", () => {
    const plan = lib.documents.find((d) => d.kind === "plan")?.body as PlanDocument;
    const byId = Object.fromEntries(plan.compliance.map((o) => [o.id, o]));
    expect(byId["gdpr-art-33"]?.deadlines.map((d) => d.within)).toEqual(["PT72H"]);
    expect(byId["nis2-art-23"]?.deadlines.map((d) => d.within ?? d.business_days)).toEqual([
      "PT24H",
      "PT72H",
      "P1M",
    ]);
    expect(byId["sec-8k-1-05"]?.deadlines.map((d) => d.business_days)).toEqual([4]);
  });
});
