import { afterEach, describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../../test/support/databases.js";
import {
  benign,
  encodedPowershell,
  failedLogon,
  logCleared,
  shadowDelete,
} from "../../../test/support/detection.js";
import { testRuntime } from "../../../test/support/runtime.js";
import { systemActor } from "../../domain/actor.js";
import { type Runtime, runtimeFor } from "../../runtime.js";
import {
  acknowledgeAlert,
  attachAlerts,
  declareFromAlerts,
  suppressAlert,
} from "../alert.service.js";
import { ingestEvents } from "../ingest.service.js";
import { createSuppression } from "../suppression.service.js";

const ndjson = (events: unknown[]) => events.map((e) => JSON.stringify(e)).join("\n");
const operator = { kind: "person" as const, id: "operator" };

describe.each(TEST_DIALECTS)("declaration policies on $name", (dialect) => {
  let rt: Runtime | undefined;
  afterEach(async () => {
    await rt?.close();
    rt = undefined;
  });
  const open = async (ctx: { skip: (why?: string) => void }) => {
    if (dialect.skip) ctx.skip(dialect.skip);
    rt = await testRuntime(dialect);
    return rt;
  };
  const incidents = async (r: Runtime) => (await r.incidents.list({}, 100)).items;

  it("turns a burst of related alerts into ONE incident carrying its procedure's tasks", async (ctx) => {
    const r = await open(ctx);
    const burst = [
      benign("WS-042"),
      encodedPowershell("WS-042"),
      logCleared("WS-042"),
      ...Array.from({ length: 10 }, () => failedLogon("WS-042", "bob")),
      benign("WS-042", 2),
    ];
    const result = await ingestEvents(r, { text: ndjson(burst) });
    expect(result).toMatchObject({ accepted: 14, rejected_count: 0, alerts: 3 });
    expect(result.incidents).toHaveLength(1);
    expect(result.incidents[0]).toMatchObject({
      action: "declared",
      policy: "default",
      rule: "burst-on-host",
    });
    const all = await incidents(r);
    expect(all).toHaveLength(1);
    const incident = all[0] as (typeof all)[number];
    expect(incident).toMatchObject({
      type: "malware",
      severity: "emergency",
      procedure_id: "malware",
    });
    expect(incident.source_alerts).toHaveLength(3);
    expect(incident.title).toMatch(/^3 alerts on ws-042/);
    const tasks = await r.incidents.tasks(incident.id);
    expect(tasks.length).toBeGreaterThan(5);
    expect(tasks.some((t) => t.step_id === "triage-alert")).toBe(true);
    expect((await r.incidents.assets(incident.id)).map((a) => a.name)).toEqual(["WS-042"]);
    const linked = await r.detection.alerts.list({ incident_id: incident.id }, 10);
    expect(linked.items).toHaveLength(3);

    // More on the same host joins the incident instead of opening another.
    const later = await ingestEvents(r, { text: ndjson([shadowDelete("WS-042")]) });
    expect(later.incidents).toMatchObject([{ action: "attached", incident_id: incident.id }]);
    expect(await incidents(r)).toHaveLength(1);
    const timeline = await r.incidents.timeline(incident.id);
    expect(timeline.some((e) => e.kind === "alert.attached")).toBe(true);
  });

  it("declares at once on a critical rule; other alerts wait in the triage queue", async (ctx) => {
    const r = await open(ctx);
    const a = await ingestEvents(r, { text: ndjson([shadowDelete("FS01")]) });
    expect(a.incidents).toMatchObject([{ action: "declared", rule: "inhibit-recovery" }]);
    const [incident] = await incidents(r);
    expect(incident).toMatchObject({ type: "ransomware", severity: "emergency" });
    expect(incident?.title).toBe(
      "Ransomware precursor on FS01: Volume shadow copies or backup catalogue deleted",
    );
    const b = await ingestEvents(r, { text: ndjson([encodedPowershell("WS-7")]) });
    expect(b.incidents).toEqual([]);
    const triage = await r.detection.alerts.list({ triage: true }, 10);
    expect(triage.items.map((x) => x.entities.host)).toEqual(["WS-7"]);
  });

  it("keeps its windows across a restart (they refill from the alerts table)", async (ctx) => {
    const r = await open(ctx);
    await ingestEvents(r, { text: ndjson([encodedPowershell("SRV-9"), logCleared("SRV-9")]) });
    expect(await incidents(r)).toHaveLength(0);
    const restarted = runtimeFor(r.config, r.db, r.clock);
    const logons = Array.from({ length: 10 }, () => failedLogon("SRV-9", "carol"));
    const res = await ingestEvents(restarted, { text: ndjson(logons) });
    expect(res.incidents).toMatchObject([{ action: "declared", rule: "burst-on-host" }]);
    expect((await incidents(r))[0]?.source_alerts).toHaveLength(3);
  });

  it("suppression rules and suppressed alerts stay out of the policies", async (ctx) => {
    const r = await open(ctx);
    await createSuppression(
      r,
      {
        matcher: { host: "backup-*" },
        reason: "nightly backup rotates shadow copies",
        for: "PT8H",
      },
      operator,
    );
    const res = await ingestEvents(r, { text: ndjson([shadowDelete("BACKUP-01")]) });
    expect(res.incidents).toEqual([]);
    const [alert] = (await r.detection.alerts.list({}, 10)).items;
    expect(alert).toMatchObject({
      status: "suppressed",
      suppression_reason: expect.stringMatching(/backup/),
    });
    expect(alert?.suppressed_until).not.toBeNull();

    await ingestEvents(r, { text: ndjson([encodedPowershell("WS-5")]) });
    const ps = (await r.detection.alerts.list({ q: "ws-5" }, 1)).items[0];
    await suppressAlert(r, ps?.id as string, { reason: "admin script" }, operator);
    await ingestEvents(r, { text: ndjson([encodedPowershell("WS-5")]) });
    expect((await r.detection.alerts.get(ps?.id as string))?.status).toBe("suppressed");
    expect((await r.detection.alerts.get(ps?.id as string))?.count).toBe(2);
  });

  it("people declare from alerts and attach alerts to incidents in progress", async (ctx) => {
    const r = await open(ctx);
    await ingestEvents(r, { text: ndjson([encodedPowershell("HR-1"), encodedPowershell("HR-2")]) });
    const [a2, a1] = (await r.detection.alerts.list({}, 10)).items;
    await acknowledgeAlert(r, a1?.id as string, operator);
    const incident = await declareFromAlerts(r, [a1?.id as string], { type: "malware" }, operator);
    expect(incident).toMatchObject({ severity: "emergency", source_alerts: [a1?.id] });
    await expect(
      declareFromAlerts(r, [a1?.id as string], { type: "malware" }, operator),
    ).rejects.toThrow(/already belongs/);
    const joined = await attachAlerts(r, [a2?.id as string], incident.human_id, systemActor());
    expect(joined.source_alerts).toEqual([a1?.id, a2?.id]);
    expect((await r.detection.alerts.get(a2?.id as string))?.incident_id).toBe(incident.id);
  });
});
