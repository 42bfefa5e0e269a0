import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Runtime } from "../../src/runtime.js";
import { type App, buildApp } from "../../src/server/app.js";
import { runCli } from "../support/cli.js";
import { TEST_DIALECTS } from "../support/databases.js";
import { testRuntime } from "../support/runtime.js";

describe("firebreak ack, clocks and incident update against a server", () => {
  let rt: Runtime;
  let app: App;
  let server: string[];
  beforeAll(async () => {
    rt = await testRuntime(TEST_DIALECTS[0] as (typeof TEST_DIALECTS)[number]);
    app = await buildApp(rt, { logger: false, auth: "trust-local" });
    await app.listen({ port: 0, host: "127.0.0.1" });
    server = ["--server", `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`];
  });
  afterAll(async () => {
    await app.close();
    await rt.close();
  });
  const cli = (...args: string[]) => runCli([...args, ...server]);

  it("shows overdue clocks prominently, records and stops, acknowledges and posts updates", {
    timeout: 180_000,
  }, async () => {
    const declared = await cli(
      "incident",
      "declare",
      "--type",
      "data-breach",
      "--title",
      "Customer DB on a paste site",
      "--attr",
      "personal_data=true",
      "--attr",
      "material=true",
      "--aware-at",
      new Date(Date.now() - 80 * 3_600_000).toISOString(),
      "--json",
    );
    expect(declared.code, declared.stderr).toBe(0);
    const id = JSON.parse(declared.stdout).human_id as string;

    const text = await cli("clocks");
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain(`${id}  Customer DB on a paste site`);
    expect(text.stdout).toMatch(/!! OVERDUE\s+GDPR Art\. 33/);
    expect(text.stdout).toMatch(/!! OVERDUE by 8 h/);
    expect(text.stdout).toContain("[██████████████████████████████] 111%");
    expect(text.stdout).toContain("waiting for determination");

    const json = await cli("clocks", id, "--state", "overdue", "--json");
    expect(json.code, json.stderr).toBe(0);
    const doc = JSON.parse(json.stdout) as { items: { obligation_id: string; state: string }[] };
    expect(doc.items.map((c) => [c.obligation_id, c.state])).toEqual([["gdpr-art-33", "overdue"]]);

    const recorded = await cli(
      "clocks",
      "record",
      id,
      "gdpr-art-33",
      "--deadline",
      "notify-authority",
      "--recipient",
      "CNIL",
      "--reference",
      "CNIL-42",
      "--json",
    );
    expect(recorded.code, recorded.stderr).toBe(0);
    expect(JSON.parse(recorded.stdout)).toMatchObject({ state: "met" });
    const stopped = await cli("clocks", "stop", id, "sec-8k-1-05", "--reason", "Not material");
    expect(stopped.code, stopped.stderr).toBe(0);
    expect(stopped.stdout).toContain("stopped");
    const unknown = await cli("clocks", "stop", id, "no-such-obligation", "--reason", "x");
    expect(unknown.code).toBe(2);

    const ack = await cli("ack", id);
    expect(ack.code, ack.stderr).toBe(0);
    expect(ack.stdout).toMatch(new RegExp(`^${id} acknowledged at 20`));

    const update = await cli(
      "incident",
      "update",
      id,
      "--audience",
      "executives",
      "--summary",
      "A copy of the customer table was posted; access is closed.",
      "--impact",
      "E-mail addresses of customers",
    );
    expect(update.code, update.stderr).toBe(0);
    expect(update.stdout).toContain(`${id}: update for executives sent to exec-briefing`);
    expect(update.stdout).toContain("**Incident briefing: Customer DB on a paste site**");
    const bad = await cli("incident", "update", id, "--audience", "press", "--summary", "x");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("unknown audience 'press'");
  });
});
