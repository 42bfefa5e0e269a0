import { beforeEach, describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../test/support/databases.js";
import { operator, rejection } from "../../test/support/response-helpers.js";
import { runtimePerTest } from "../../test/support/runtime.js";
import { type Actor, systemActor } from "../domain/actor.js";
import type { Incident } from "../domain/incident/model.js";
import type { Runtime } from "../runtime.js";
import { declareIncident, getIncident } from "./incident.service.js";
import { addNote } from "./timeline.service.js";

const person = (id: string): Actor => ({ kind: "person", id, name: id });

/**
 * The use cases themselves apply the visibility policy, whoever calls them (HTTP, the CLI's local
 * mode, a timer): a non-member gets the not_found of a missing incident, also with a stale
 * If-Match; members, admins and the system (timers, escalation, rules) reach the incident.
 */
describe.each(TEST_DIALECTS)("incident use cases take the viewer on $name", (dialect) => {
  let rt: Runtime;
  runtimePerTest(dialect, {}, (fresh) => {
    rt = fresh;
  });
  let secret: Incident;
  beforeEach(async () => {
    secret = await declareIncident(
      rt,
      {
        title: "Clerk copying salary files",
        type: "insider",
        restricted: true,
        commander: "amara-okafor",
      },
      operator,
    );
  });

  it("answers a non-member as for a missing incident, reading or changing, before If-Match", async () => {
    const outsider = person("kenji-sato");
    const missing = await rejection(getIncident(rt, "INC-1999-0001", outsider));
    const hidden = await rejection(getIncident(rt, secret.human_id, outsider));
    expect(hidden.code).toBe("not_found");
    expect(hidden.message).toBe(missing.message.replace("INC-1999-0001", secret.human_id));
    const stale = await rejection(
      addNote(rt, secret.human_id, { text: "probe" }, outsider, secret.version + 5),
    );
    expect(stale.code).toBe("not_found");
    expect((await rt.incidents.get(secret.id))?.version).toBe(secret.version);
  });

  it("lets the commander, an admin, the system and a rule in", async () => {
    const rule: Actor = { kind: "rule", id: "dlp-bulk-copy" };
    for (const actor of [person("amara-okafor"), operator, systemActor("timer"), rule]) {
      expect((await getIncident(rt, secret.id, actor)).id).toBe(secret.id);
      await addNote(rt, secret.id, { text: `from ${actor.id}` }, actor);
    }
    expect((await getIncident(rt, secret.id, undefined)).version).toBe(secret.version + 4);
  });
});
