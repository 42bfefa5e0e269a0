import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Incident, TimelineEntry } from "../../src/domain/incident/model.js";
import { type RunningWorker, type Runtime, startJobWorker } from "../../src/runtime.js";
import { type App, buildApp } from "../../src/server/app.js";
import { runCli } from "../support/cli.js";
import { TEST_DIALECTS } from "../support/databases.js";
import { commsRuntime, HOOK_ENV, pagingLibrary } from "../support/escalation.js";
import { userWithToken } from "../support/identity.js";
import { waitFor } from "../support/wait.js";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver.js";

type Headers = Record<string, string>;

/**
 * Paging someone for a restricted incident makes them a participant, recorded on the timeline,
 * so that the page they get leads somewhere: they can open the incident and acknowledge it with
 * `firebreak ack` (the real command, against a real listener). Someone not paged still cannot.
 */
describe.each(TEST_DIALECTS)("paging for a restricted incident on $name", (dialect) => {
  let rt: Runtime;
  let app: App;
  let receiver: WebhookReceiver;
  let comms: RunningWorker | undefined;
  const who: Record<string, { headers: Headers; token: string }> = {};

  const req = (method: string, url: string, as: string, payload?: object) =>
    app.inject({
      method: method as "GET",
      url: `/api/v1${url}`,
      headers: who[as]?.headers,
      payload,
    });

  beforeEach(async (ctx) => {
    if (dialect.skip) return ctx.skip(dialect.skip);
    receiver = await startWebhookReceiver();
    // Step 1 pages Bob the analyst (a person, by id) and the pager channel; step 2 is far off.
    const library = pagingLibrary({
      escalation: [
        {
          severity: "inconvenience",
          steps: [{ notify: ["channel:inconvenience-hook"], after: "PT1H" }],
        },
        {
          severity: "emergency",
          repeat: 0,
          steps: [
            { notify: ["person:bob", "channel:pager-1"], after: "PT1H" },
            { notify: ["channel:pager-2"], after: "PT1H" },
          ],
        },
      ],
    });
    rt = await commsRuntime(dialect, { library });
    app = await buildApp(rt, { logger: false });
    who.admin = await userWithToken(rt, "admin");
    who.bob = await userWithToken(rt, "responder", "write", { person_id: "bob" });
    who.dan = await userWithToken(rt, "responder", "write", { person_id: "dan" });
  });
  afterEach(async () => {
    await comms?.stop();
    comms = undefined;
    await app?.close();
    await receiver?.close();
    await rt?.close();
  });

  it("makes the paged person a member on the timeline, who can open it and firebreak ack it", async () => {
    const declared = await req("POST", "/incidents", "admin", {
      title: "Analyst account exporting HR records",
      type: "malware",
      severity: "emergency",
      restricted: true,
    });
    expect(declared.statusCode, declared.body).toBe(201);
    const incident = declared.json() as Incident;
    // Before any page: Bob is nobody to it.
    expect((await req("GET", `/incidents/${incident.id}`, "bob")).statusCode).toBe(404);

    comms = await startJobWorker(rt, {
      linkBase: "http://firebreak.test",
      env: { [HOOK_ENV]: receiver.url },
      pollMs: 50,
    });
    await waitFor("the step 1 page", () => receiver.accepted()[0]);
    const timeline = async (as: string) =>
      (await req("GET", `/incidents/${incident.id}/timeline`, as)).json().items as TimelineEntry[];
    const added = (await timeline("admin")).filter((e) => e.kind === "incident.members_added");
    expect(added).toHaveLength(1);
    expect(added[0]?.payload).toMatchObject({ people: ["bob"], reason: "paged" });
    const entries = await timeline("admin");
    const paged = entries.findIndex((e) => e.kind === "escalation.paged");
    const joined = entries.findIndex((e) => e.kind === "incident.members_added");
    expect(joined, "membership is recorded before the page").toBeLessThan(paged);

    expect((await req("GET", `/incidents/${incident.id}`, "bob")).statusCode).toBe(200);
    expect((await timeline("bob")).some((e) => e.kind === "incident.members_added")).toBe(true);
    const list = await req("GET", "/incidents", "bob");
    expect(list.body).toContain(incident.id);
    // Dan was not paged: still 404, still absent.
    expect((await req("GET", `/incidents/${incident.id}`, "dan")).statusCode).toBe(404);
    expect((await req("GET", "/incidents", "dan")).body).not.toContain(incident.id);
    const danAck = await req("POST", `/incidents/${incident.id}/acknowledge`, "dan");
    expect(danAck.statusCode).toBe(404);

    await app.listen({ port: 0, host: "127.0.0.1" });
    const { port } = app.server.address() as AddressInfo;
    const ack = await runCli(["ack", incident.human_id, "--json"], {
      env: { FIREBREAK_URL: `http://127.0.0.1:${port}`, FIREBREAK_TOKEN: who.bob?.token },
    });
    expect(ack.code, ack.stderr).toBe(0);
    expect(JSON.parse(ack.stdout).times.acknowledged_at).toEqual(expect.any(String));
    const state = await req("GET", `/incidents/${incident.id}/escalation`, "admin");
    expect(state.json().status).toBe("acknowledged");
    const ackEntry = (await timeline("admin")).find((e) => e.kind === "incident.acknowledged");
    expect(JSON.stringify(ackEntry?.actor)).toContain("bob");
  }, 120_000);

  it("adds nobody for an unrestricted incident", async () => {
    const declared = await req("POST", "/incidents", "admin", {
      title: "Worm on FS01",
      type: "malware",
      severity: "emergency",
    });
    const incident = declared.json() as Incident;
    comms = await startJobWorker(rt, {
      linkBase: "http://firebreak.test",
      env: { [HOOK_ENV]: receiver.url },
      pollMs: 50,
    });
    await waitFor("the step 1 page", () => receiver.accepted()[0]);
    expect(await rt.incidents.members(incident.id)).toEqual([]);
    const entries = (await req("GET", `/incidents/${incident.id}/timeline`, "admin")).json().items;
    expect(entries.some((e: TimelineEntry) => e.kind === "incident.members_added")).toBe(false);
  }, 60_000);
});
