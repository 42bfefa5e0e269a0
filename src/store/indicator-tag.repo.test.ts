import { describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../test/support/databases.js";
import { declareRansomware, operator } from "../../test/support/response-helpers.js";
import { runtimePerTest } from "../../test/support/runtime.js";
import { gatherDossier } from "../exchange/dossier.js";
import { importMispEvent } from "../exchange/misp-import.js";
import { addIndicators } from "../response/indicator.service.js";
import type { Runtime } from "../runtime.js";

describe.each(TEST_DIALECTS)("indicator tags on $name", (dialect) => {
  let rt: Runtime;
  runtimePerTest(dialect, {}, (r) => {
    rt = r;
  });

  it("keeps each tag once per indicator, sorted, and only the incident's own", async () => {
    const a = await declareRansomware(rt, "first");
    const b = await declareRansomware(rt, "second");
    const [onA] = await addIndicators(rt, a.id, [{ type: "ip", value: "192.0.2.1" }], operator);
    const [onB] = await addIndicators(rt, b.id, [{ type: "ip", value: "192.0.2.1" }], operator);
    const ids = { a: onA?.indicator.id as string, b: onB?.indicator.id as string };
    await rt.indicatorTags.add([
      { indicator_id: ids.a, tag: "tlp:green" },
      { indicator_id: ids.a, tag: "Émotet" },
      { indicator_id: ids.a, tag: "apt" },
      { indicator_id: ids.b, tag: "other" },
    ]);
    await rt.indicatorTags.add([{ indicator_id: ids.a, tag: "tlp:green" }]);
    expect(await rt.indicatorTags.forIncident(a.id)).toEqual(
      new Map([[ids.a, ["apt", "tlp:green", "Émotet"]]]),
    );
    expect(await rt.indicatorTags.forIncident(b.id)).toEqual(new Map([[ids.b, ["other"]]]));
  });

  it("imports a MISP event's tags and exports them with the indicators", async () => {
    const incident = await declareRansomware(rt);
    const event = {
      Event: {
        info: "partner",
        Tag: [{ name: "tlp:amber" }],
        Attribute: [{ type: "domain", value: "evil.example.com", Tag: [{ name: "c2" }] }],
      },
    };
    await importMispEvent(rt, incident.human_id, event, operator);
    await importMispEvent(rt, incident.human_id, event, operator);
    const { indicators } = await gatherDossier(rt, incident.id, operator);
    expect(indicators).toMatchObject([{ value: "evil.example.com", tags: ["c2", "tlp:amber"] }]);
  });
});
