/**
 * Benchmark: HTML report generation for an incident with 5,000 timeline entries (SQLite).
 *
 * Measured: reading the incident's whole record from the database, building the report and
 * rendering self-contained HTML (markdown-it for text, inline SVG charts), for the technical
 * report (every timeline entry in a table) and the after-action report (phase chart, key events,
 * RCA, lessons, action items, plan adherence). Target: under 2 s each.
 * Baseline, measured in the same run: reading the same record and a plain `JSON.stringify` of
 * it. Printed: medians of several runs and the ratio report/baseline.
 *
 *   node --import tsx bench/reports.ts [--entries N] [--runs N]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { loadConfig } from "../src/config.js";
import { BUILTIN_LIBRARY_DIR } from "../src/documents/library.js";
import type { Actor } from "../src/domain/actor.js";
import type { NewTimelineEntry, Task } from "../src/domain/incident/model.js";
import type { ReportKind } from "../src/domain/report-kinds.js";
import { renderHtml } from "../src/reports/render-html.js";
import { buildReport } from "../src/reports/report.service.js";
import { reportData } from "../src/reports/report-data.js";
import { addEvidence } from "../src/response/evidence.service.js";
import { declareIncident } from "../src/response/incident.service.js";
import { addIndicators } from "../src/response/indicator.service.js";
import { mutateIncident } from "../src/response/mutate.js";
import { loadLibraryIfEmpty, openRuntime, type Runtime } from "../src/runtime.js";

export interface ReportBenchResult {
  name: string;
  entries: number;
  runs: number;
  kinds: {
    kind: ReportKind;
    html_ms: number;
    baseline_ms: number;
    ratio: number;
    bytes: number;
    under_2s: boolean;
  }[];
}

const actor: Actor = { kind: "person", id: "operator", name: "Local operator", admin: true };
const median = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

/** An incident with indicators, evidence and `n` timeline entries of the usual kinds. */
async function seed(rt: Runtime, n: number): Promise<string> {
  const incident = await declareIncident(
    rt,
    {
      title: "Files encrypted on FS01",
      type: "ransomware",
      severity: "emergency",
      commander: "amara-okafor",
      attributes: { personal_data: true, records_affected: 120000 },
      assets: ["FS01", "WS-0142"],
    },
    actor,
  );
  await addIndicators(
    rt,
    incident.id,
    [
      { type: "ip", value: "203.0.113.77" },
      { type: "domain", value: "evil-c2.example.net" },
    ],
    actor,
  );
  await addEvidence(
    rt,
    incident.id,
    {
      name: "FS01 memory image",
      sha256: "a".repeat(64),
      size: 17179869184,
      location: "locker A/12",
      acquired_by: "tomas-lindqvist",
    },
    actor,
  );
  const tasks = await rt.incidents.tasks(incident.id);
  const batch = 1000;
  for (let done = (await rt.incidents.timeline(incident.id)).length; done < n; ) {
    const size = Math.min(batch, n - done);
    const entries: NewTimelineEntry[] = Array.from({ length: size }, (_x, k) => {
      const i = done + k;
      // The declared procedure gives the incident its tasks; cycle through them.
      const t = tasks[i % tasks.length] as Task;
      return i % 3 === 0
        ? {
            kind: "note",
            actor,
            payload: {
              text: `Observation ${i}: lateral movement attempt from WS-${i % 300} blocked at the firewall; checking SMB sessions on FS0${i % 9}.`,
            },
          }
        : i % 3 === 1
          ? {
              kind: "task.updated",
              actor,
              payload: {
                task_id: t.id,
                title: t.title,
                phase: t.phase,
                changes: { note: `Progress ${i}` },
              },
            }
          : {
              kind: "decision",
              actor,
              payload: {
                text: `Decision ${i}: keep FS0${i % 9} isolated until the forensic image is verified.`,
              },
            };
    });
    await mutateIncident(rt, incident.id, undefined, undefined, ({ incident: current }) => ({
      incident: current,
      timeline: entries,
    }));
    done += size;
  }
  return incident.id;
}

export async function run(
  options: { entries?: number; runs?: number } = {},
): Promise<ReportBenchResult> {
  const entries = options.entries ?? 5000;
  const runs = options.runs ?? 5;
  const dir = mkdtempSync(join(tmpdir(), "fb-bench-reports-"));
  const rt = await openRuntime(
    loadConfig({ dataDir: dir, library: [BUILTIN_LIBRARY_DIR], logLevel: "silent" }, {}),
  );
  try {
    await loadLibraryIfEmpty(rt);
    const id = await seed(rt, entries);
    const kinds: ReportBenchResult["kinds"] = [];
    for (const kind of ["technical", "after-action"] as const) {
      const html: number[] = [];
      const base: number[] = [];
      let bytes = 0;
      // One warm-up of each, then alternate so that machine noise hits both sides alike.
      for (let r = -1; r < runs; r++) {
        const b0 = performance.now();
        const raw = JSON.stringify(await reportData(rt, id, undefined));
        const b1 = performance.now();
        const data = await reportData(rt, id, undefined);
        const out = renderHtml(buildReport(kind, data));
        const h1 = performance.now();
        if (raw.length === 0) throw new Error("baseline produced nothing");
        if (r < 0) continue;
        base.push(b1 - b0);
        html.push(h1 - b1);
        bytes = Buffer.byteLength(out);
      }
      const h = median(html);
      const b = median(base);
      kinds.push({
        kind,
        html_ms: Math.round(h),
        baseline_ms: Math.round(b),
        ratio: Number((h / b).toFixed(2)),
        bytes,
        under_2s: h < 2000,
      });
    }
    const result = {
      name: "reports",
      entries: (await rt.incidents.timeline(id)).length,
      runs,
      kinds,
    };
    print(result);
    return result;
  } finally {
    await rt.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function print(r: ReportBenchResult): void {
  console.log(
    `reports: HTML for an incident with ${r.entries.toLocaleString("en")} timeline entries (median of ${r.runs} runs)`,
  );
  for (const k of r.kinds)
    console.log(
      `  ${k.kind.padEnd(13)} ${String(k.html_ms).padStart(5)} ms (${(k.bytes / 1024).toFixed(0)} KiB)  baseline ${k.baseline_ms} ms (read + JSON.stringify)  ratio ${k.ratio}x  ${k.under_2s ? "under" : "OVER"} the 2 s target`,
    );
}

function arg(name: string): number | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : undefined;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href)
  await run({ entries: arg("--entries"), runs: arg("--runs") });
