import { describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../test/support/databases.js";
import { encodedPowershell } from "../../test/support/detection.js";
import {
  declareRansomware,
  expectIntact,
  incidentState,
  operator,
  rejection,
} from "../../test/support/response-helpers.js";
import { runtimePerTest } from "../../test/support/runtime.js";
import { declareFromAlerts } from "../detection/alert.service.js";
import { ingestEvents } from "../detection/ingest.service.js";
import type { Runtime } from "../runtime.js";
import { upsertAsset } from "./asset.service.js";
import { addEvidence } from "./evidence.service.js";
import { declareIncident } from "./incident.service.js";
import { addIndicator } from "./indicator.service.js";
import { mergeIncident } from "./phase.service.js";

const SHA = "a".repeat(64);

describe.each(TEST_DIALECTS)("merging incidents on $name", (dialect) => {
  let rt: Runtime;
  runtimePerTest(dialect, {}, (fresh) => {
    rt = fresh;
  });

  /** An incident declared from one alert, with evidence, two indicators and two assets. */
  async function duplicate() {
    await ingestEvents(rt, { text: JSON.stringify(encodedPowershell("HR-1")) });
    const alert = (await rt.detection.alerts.list({}, 1)).items[0];
    const incident = await declareFromAlerts(
      rt,
      [alert?.id as string],
      { type: "ransomware" },
      operator,
    );
    await addEvidence(
      rt,
      incident.id,
      { name: "HR-1 memory image", sha256: SHA, size: 10, location: "vault", acquired_by: "amara" },
      operator,
    );
    await addIndicator(rt, incident.id, { type: "ip", value: "203.0.113.7" }, operator);
    await addIndicator(rt, incident.id, { type: "ip", value: "198.51.100.9" }, operator);
    await upsertAsset(rt, incident.id, { name: "FS01", status: "contained" }, operator);
    return { incident, alertId: alert?.id as string };
  }

  it("moves alerts, evidence, indicators and assets to the surviving incident, saying so on both", async () => {
    const { incident: from, alertId } = await duplicate();
    const into = await declareRansomware(rt);
    // The survivor already has one of the indicators and one of the assets: those stay behind.
    await addIndicator(rt, into.id, { type: "ip", value: "203.0.113.7" }, operator);
    await upsertAsset(rt, into.id, { name: "FS01", status: "suspected" }, operator);

    const merged = await mergeIncident(rt, from.id, into.human_id, "Same attack", operator);
    expect(merged).toMatchObject({ phase: "merged", merged_into: into.id });

    const survivor = await incidentState(rt, into.id);
    expect(survivor.incident.source_alerts).toContain(alertId);
    expect((await rt.detection.alerts.get(alertId))?.incident_id).toBe(into.id);
    expect(survivor.evidence.map((e) => e.name)).toEqual(["HR-1 memory image"]);
    expect(survivor.indicators.map((i) => i.value).sort()).toEqual(["198.51.100.9", "203.0.113.7"]);
    expect(survivor.assets.map((a) => [a.name, a.status])).toEqual([
      ["FS01", "suspected"],
      ["HR-1", "suspected"],
    ]);
    const left = await incidentState(rt, from.id);
    expect(left.evidence).toEqual([]);
    expect(left.indicators.map((i) => i.value)).toEqual(["203.0.113.7"]);
    expect(left.assets.map((a) => a.name)).toEqual(["FS01"]);

    const moved = {
      kind: "incident.records_moved",
      payload: {
        from: from.human_id,
        to: into.human_id,
        alerts: [alertId],
        indicators: ["ip:198.51.100.9"],
        assets: ["HR-1"],
        evidence: ["HR-1 memory image"],
      },
    };
    expect(left.timeline.slice(-2)).toMatchObject([{ kind: "incident.merged" }, moved]);
    expect(survivor.timeline.slice(-2)).toMatchObject([
      { kind: "incident.merge_received", payload: { from: from.human_id } },
      moved,
    ]);
    await expectIntact(rt, from.id);
    await expectIntact(rt, into.id);
  });

  it("writes nothing when the surviving incident cannot take the merge", async () => {
    const { incident: from } = await duplicate();
    const restricted = await declareIncident(
      rt,
      { title: "Insider", type: "ransomware", severity: "emergency", restricted: true },
      operator,
    );
    const before = await incidentState(rt, restricted.id);
    // A restricted incident's records would become visible to everyone on an open one.
    const open = await declareRansomware(rt);
    expect(
      (await rejection(mergeIncident(rt, restricted.id, open.human_id, "same", operator))).message,
    ).toMatch(/restricted/);
    expect(await incidentState(rt, restricted.id)).toEqual(before);

    // Into a restricted one, the other way, is allowed.
    await mergeIncident(rt, from.id, restricted.human_id, "same", operator);
    expect((await rt.incidents.evidence(restricted.id)).length).toBe(1);
  });
});
