import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../test/support/databases.js";
import { operator } from "../../test/support/response-helpers.js";
import { testRuntime } from "../../test/support/runtime.js";
import type { Actor } from "../domain/actor.js";
import type { Incident } from "../domain/incident/model.js";
import { declareIncident } from "../response/incident.service.js";
import { addIndicator, findIndicator } from "../response/indicator.service.js";
import type { Runtime } from "../runtime.js";
import { addActionItem } from "./action-item.service.js";
import { listActionItems } from "./action-list.js";
import { listRcas, startRca } from "./rca.service.js";

const outsider: Actor = { kind: "person", id: "kenji-sato", name: "Kenji Sato" };

/**
 * Lists that hold things of several incidents (action items, RCAs, indicator sightings) leave
 * out a restricted incident's things in their query, not after reading a page: a non-member's
 * page is full whenever more visible things exist, even when the hidden ones come first in the
 * list's order.
 */
describe.each(TEST_DIALECTS)("lists filter hidden incidents in their query on $name", (dialect) => {
  let rt: Runtime;
  let secret: Incident;
  let open: Incident;
  beforeEach(async (ctx) => {
    if (dialect.skip) return ctx.skip(dialect.skip);
    rt = await testRuntime(dialect);
    secret = await declareIncident(
      rt,
      { title: "Clerk copying salary files", type: "insider", restricted: true },
      operator,
    );
    open = await declareIncident(rt, { title: "Phishing wave", type: "phishing" }, operator);
  });
  afterEach(async () => rt?.close());

  it("pages action items full: hidden ones due first do not shorten the page", async () => {
    const add = (incident: Incident, title: string, due: string) =>
      addActionItem(
        rt,
        { incident: incident.id, title, owner: "amara-okafor", due_at: due },
        operator,
      );
    for (let i = 1; i <= 4; i++) await add(secret, `Narrow share ${i}`, `2030-01-0${i}`);
    for (let i = 1; i <= 4; i++) await add(open, `Train staff ${i}`, `2030-02-0${i}`);

    const page = await listActionItems(rt, { items_only: true, limit: 3, viewer: outsider });
    expect(page.map((v) => v.title)).toEqual(["Train staff 1", "Train staff 2", "Train staff 3"]);
    const all = await listActionItems(rt, { items_only: true, limit: 3 });
    expect(all.map((v) => v.title)).toEqual(["Narrow share 1", "Narrow share 2", "Narrow share 3"]);
  });

  it("pages indicator sightings full and lists only visible RCAs", async () => {
    // The restricted incident is the newest, so its sightings come first.
    const later = await declareIncident(
      rt,
      { title: "Second salary copy", type: "insider", restricted: true },
      operator,
    );
    for (const incident of [open, secret, later])
      await addIndicator(rt, incident.id, { type: "ip", value: "198.51.100.23" }, operator);
    const seen = await findIndicator(rt, "198.51.100.23", { limit: 1, viewer: outsider });
    expect(seen.sightings.map((s) => s.incident.id)).toEqual([open.id]);
    const admin = await findIndicator(rt, "198.51.100.23", { limit: 1 });
    expect(admin.sightings.map((s) => s.incident.id)).toEqual([later.id]);

    for (const incident of [secret, open])
      await startRca(rt, { incident: incident.id, scope: { summary: incident.title } }, operator);
    const rcas = await listRcas(rt, {}, outsider);
    expect(rcas.map((r) => r.incident_id)).toEqual([open.id]);
    expect(await listRcas(rt, {}, operator)).toHaveLength(2);
  });
});
