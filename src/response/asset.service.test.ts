import { describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../test/support/databases.js";
import {
  declaredRansomware,
  declareRansomware,
  expectIntact,
  incidentState,
  operator,
  rejection,
} from "../../test/support/response-helpers.js";
import { runtimePerTest } from "../../test/support/runtime.js";
import type { Runtime } from "../runtime.js";
import { listAssets, upsertAsset, upsertAssets } from "./asset.service.js";

describe.each(TEST_DIALECTS)("affected assets on $name", (dialect) => {
  let rt: Runtime;
  runtimePerTest(dialect, {}, (fresh) => {
    rt = fresh;
  });

  it("adds and updates assets by name, each change on the timeline with the status it left", async () => {
    const { incident, seq } = await declaredRansomware(rt);

    const added = await upsertAssets(
      rt,
      incident.human_id,
      [
        { name: "FS01", kind: "server", status: "compromised" },
        { name: "svc-backup", kind: "account", status: "suspected" },
      ],
      operator,
    );
    expect(added.map((a) => [a.name, a.kind, a.status])).toEqual([
      ["FS01", "server", "compromised"],
      ["svc-backup", "account", "suspected"],
    ]);

    // Matched by name whatever the case; the stored spelling and id stay.
    const contained = await upsertAsset(
      rt,
      incident.id,
      { name: "fs01", status: "contained", note: "isolated by EDR" },
      operator,
    );
    expect(contained).toMatchObject({
      id: added[0]?.id,
      name: "FS01",
      kind: "server",
      status: "contained",
    });
    expect((await listAssets(rt, incident.id, undefined)).map((a) => [a.name, a.status])).toEqual([
      ["FS01", "contained"],
      ["svc-backup", "suspected"],
    ]);

    const entries = await rt.incidents.timeline(incident.id, seq);
    const updates = entries.flatMap((e) => (e.kind === "asset.updated" ? [e.payload] : []));
    expect(updates.map((p) => [p.name, p.from, p.to])).toEqual([
      ["FS01", null, "compromised"],
      ["svc-backup", null, "suspected"],
      ["FS01", "compromised", "contained"],
    ]);
    expect(entries.map((e) => e.kind)).toEqual(Array(3).fill("asset.updated"));
    expect(updates[2]?.note).toBe("isolated by EDR");

    // Repeating the current state changes nothing.
    const version = (await rt.incidents.get(incident.id))?.version;
    await upsertAsset(rt, incident.id, { name: "FS01", status: "contained" }, operator);
    expect((await rt.incidents.get(incident.id))?.version).toBe(version);
    await expectIntact(rt, incident.id);
  });

  it("refuses an unknown status or a bad name, changing nothing", async () => {
    const incident = await declareRansomware(rt);
    await upsertAsset(rt, incident.id, { name: "FS01", status: "compromised" }, operator);
    const before = await incidentState(rt, incident.id);

    const status = await rejection(
      upsertAsset(rt, incident.id, { name: "FS01", status: "on_fire" }, operator),
    );
    expect(status).toMatchObject({ code: "invalid_input" });
    expect(status.message).toMatch(/unknown status 'on_fire'; use one of suspected, compromised/);
    const batch = await rejection(
      upsertAssets(
        rt,
        incident.id,
        [
          { name: "WS-042", status: "cleaned" },
          { name: " ", status: "cleaned" },
          { name: "ws-042", status: "restored", kind: "Big Host" },
        ],
        operator,
      ),
    );
    expect(batch.details.map((d) => d.path)).toEqual([
      "assets[1].name",
      "assets[2].name",
      "assets[2].kind",
    ]);
    expect(await incidentState(rt, incident.id)).toEqual(before);
  });
});
