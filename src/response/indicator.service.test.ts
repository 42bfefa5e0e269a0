import { describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../test/support/databases.js";
import {
  declaredRansomware,
  declareRansomware,
  expectIntact,
  incidentState,
  kindsAfter,
  operator,
  rejection,
} from "../../test/support/response-helpers.js";
import { runtimePerTest } from "../../test/support/runtime.js";
import type { Actor } from "../domain/actor.js";
import type { Runtime } from "../runtime.js";
import { declareIncident } from "./incident.service.js";
import { addIndicator, addIndicators, findIndicator, listIndicators } from "./indicator.service.js";
import { assignRole } from "./role.service.js";

describe.each(TEST_DIALECTS)("indicators on $name", (dialect) => {
  let rt: Runtime;
  runtimePerTest(dialect, {}, (fresh) => {
    rt = fresh;
  });

  it("stores indicators in canonical form and adds each only once", async () => {
    const { incident, seq } = await declaredRansomware(rt);

    const first = await addIndicator(
      rt,
      incident.human_id,
      { type: "url", value: "hxxp://Evil[.]example/payload.bin", description: "stager" },
      operator,
    );
    expect(first.created).toBe(true);
    expect(first.indicator).toMatchObject({
      type: "url",
      value: "http://evil.example/payload.bin",
      description: "stager",
    });
    const version = (await rt.incidents.get(incident.id))?.version;

    // The same indicator, written differently: nothing new, the existing one comes back.
    const again = await addIndicator(
      rt,
      incident.id,
      { type: "url", value: "http://EVIL.example/payload.bin" },
      operator,
    );
    expect(again).toEqual({ indicator: first.indicator, created: false });
    expect((await rt.incidents.get(incident.id))?.version).toBe(version);

    const batch = await addIndicators(
      rt,
      incident.id,
      [
        { type: "ip", value: "203.0.113[.]7" },
        { type: "url", value: "http://evil.example/payload.bin" },
        { type: "ip", value: "203.0.113.7" },
        {
          type: "sha256",
          value: "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
        },
      ],
      operator,
    );
    expect(batch.map((b) => [b.indicator.value, b.created])).toEqual([
      ["203.0.113.7", true],
      ["http://evil.example/payload.bin", false],
      ["203.0.113.7", true],
      ["e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", true],
    ]);
    // One batch is one commit: its indicators share a time, so compare without order.
    expect((await listIndicators(rt, incident.id, undefined)).map((i) => i.type).sort()).toEqual([
      "ip",
      "sha256",
      "url",
    ]);
    expect(await kindsAfter(rt, incident.id, seq)).toEqual([
      "indicator.added",
      "indicator.added",
      "indicator.added",
    ]);
    await expectIntact(rt, incident.id);
  });

  it("refuses an invalid value with the reason, adding none of a batch", async () => {
    const incident = await declareRansomware(rt);
    await addIndicator(rt, incident.id, { type: "domain", value: "evil.example" }, operator);
    const before = await incidentState(rt, incident.id);

    const bad = await rejection(
      addIndicator(rt, incident.id, { type: "ip", value: "999.1.1.1" }, operator),
    );
    expect(bad).toMatchObject({
      code: "invalid_input",
      message: "'999.1.1.1' is not an IPv4 or IPv6 address",
    });
    const unknown = await rejection(
      addIndicator(rt, incident.id, { type: "hash", value: "abc" }, operator),
    );
    expect(unknown.message).toMatch(/unknown indicator type 'hash'/);
    const batch = await rejection(
      addIndicators(
        rt,
        incident.id,
        [
          { type: "ip", value: "198.51.100.1" },
          { type: "md5", value: "nope" },
          { type: "email", value: "nobody" },
        ],
        operator,
      ),
    );
    expect(batch.message).toBe("2 indicators are not valid");
    expect(batch.details.map((d) => d.path)).toEqual(["items[1].value", "items[2].value"]);
    expect(await incidentState(rt, incident.id)).toEqual(before);
  });

  it("adds the same indicator once when two responders add it at the same moment", async () => {
    const incident = await declareRansomware(rt);
    const results = await Promise.all(
      ["evil[.]example", "EVIL.example", "evil.example."].map((value) =>
        addIndicator(rt, incident.id, { type: "domain", value }, operator),
      ),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.indicator.id)).size).toBe(1);
    expect(await listIndicators(rt, incident.id, undefined)).toHaveLength(1);
    await expectIntact(rt, incident.id);
  });

  it("answers 'has this been seen before?' across incidents, from a pasted value", async () => {
    const older = await declareRansomware(rt, "January ransomware");
    const newer = await declareRansomware(rt, "March ransomware");
    const drill = await declareIncident(
      rt,
      { title: "Tabletop", type: "ransomware", severity: "emergency", exercise: true },
      operator,
    );
    for (const ref of [older.id, newer.id, drill.id])
      await addIndicator(rt, ref, { type: "ip", value: "2001:db8::dead:beef" }, operator);
    await addIndicator(rt, older.id, { type: "file_name", value: "README-DECRYPT.txt" }, operator);

    const seen = await findIndicator(rt, "2001:DB8:0:0:0:0:DEAD:BEEF");
    expect(seen.readings).toContainEqual({ type: "ip", value: "2001:db8::dead:beef" });
    expect(seen.sightings.map((s) => s.incident.human_id).sort()).toEqual(
      [older.human_id, newer.human_id].sort(),
    );
    expect(seen.sightings[0]?.indicator).toMatchObject({
      type: "ip",
      value: "2001:db8::dead:beef",
    });

    const withDrills = await findIndicator(rt, "2001:db8::dead:beef", { exercise: true });
    expect(withDrills.sightings.map((s) => s.incident.id)).toContain(drill.id);

    expect(
      (await findIndicator(rt, "README-DECRYPT.txt")).sightings.map((s) => s.incident.id),
    ).toEqual([older.id]);
    expect((await findIndicator(rt, "198.51.100.9")).sightings).toEqual([]);
    expect(
      (await findIndicator(rt, "2001:db8::dead:beef", { type: "domain" }).catch((e) => e)).message,
    ).toMatch(/use the ip type/);
  });
  it("hides restricted incidents from people who do not take part in them", async () => {
    const open = await declareRansomware(rt, "Open case");
    const insider = await declareIncident(
      rt,
      { title: "Insider case", type: "ransomware", severity: "emergency", restricted: true },
      operator,
    );
    await assignRole(
      rt,
      insider.id,
      { role: "forensic-investigator", person: "tomas-lindqvist" },
      operator,
    );
    for (const ref of [open.id, insider.id])
      await addIndicator(rt, ref, { type: "email", value: "exfil@evil.example" }, operator);

    const seenBy = async (viewer?: Actor) =>
      (await findIndicator(rt, "exfil[at]evil[.]example", { viewer })).sightings
        .map((s) => s.incident.id)
        .sort();
    expect(await seenBy({ kind: "person", id: "priya-natarajan" })).toEqual([open.id]);
    expect(await seenBy({ kind: "person", id: "tomas-lindqvist" })).toEqual(
      [open.id, insider.id].sort(),
    );
    expect(await seenBy({ kind: "person", id: "priya-natarajan", admin: true })).toHaveLength(2);
    expect(await seenBy()).toHaveLength(2);
  });
});
