import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GRAFANA_FIRING } from "../../src/contract/receivers.examples.js";
import { runCli } from "../support/cli.js";
import { TEST_DIALECTS, type TestDialect } from "../support/databases.js";
import { benign, encodedPowershell, listeningDetection } from "../support/detection.js";

const json = (stdout: string) => JSON.parse(stdout);

describe("firebreak ingest, alerts and integration against a running server", () => {
  const dir = mkdtempSync(join(tmpdir(), "firebreak-cli-detection-"));
  const served = listeningDetection(TEST_DIALECTS[0] as TestDialect);
  const cli = (args: string[], input?: string) => runCli([...args, ...served.server], { input });

  it("ingest streams a file in batches and reports the bad lines", {
    timeout: 180_000,
  }, async () => {
    const file = join(dir, "events.ndjson");
    const lines = [
      JSON.stringify(benign("CLI-1", 1)),
      '{"oops": ',
      JSON.stringify(encodedPowershell("CLI-1")),
      JSON.stringify(benign("CLI-1", 2)),
      "[1, 2]",
      JSON.stringify(benign("CLI-1", 3)),
    ];
    writeFileSync(file, `${lines.join("\n")}\n`);
    const res = await cli(["ingest", file, "--batch-size", "2", "--source", "test", "--json"]);
    expect(res.code, res.stderr).toBe(2);
    const summary = json(res.stdout);
    expect(summary).toMatchObject({ events: 6, accepted: 4, rejected: 2, batches: 2, alerts: 1 });
    expect(summary.errors.map((e: { line: number }) => e.line)).toEqual([2, 5]);

    const fromStdin = await cli(
      ["ingest", "-"],
      JSON.stringify([benign("CLI-2", 1), benign("CLI-2", 2)]),
    );
    expect(fromStdin.code, fromStdin.stderr).toBe(0);
    expect(fromStdin.stdout).toMatch(/^2 of 2 event\(s\) stored in 1 batch\(es\), 0 rejected/);
    expect(fromStdin.stderr).not.toMatch(/ingest \[/); // no progress bar when stderr is no TTY

    const missing = await cli(["ingest", join(dir, "nope.json")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read/);
  });

  it("alerts list, show, ack and declare", { timeout: 180_000 }, async () => {
    const listed = await cli(["alerts", "list", "--json"]);
    expect(listed.code, listed.stderr).toBe(0);
    const [alert] = json(listed.stdout).items;
    expect(alert).toMatchObject({
      rule_id: "ec15bf46-da1e-46c8-8d61-67136de93bfe",
      status: "open",
    });
    const human = await cli(["alerts", "list"]);
    expect(human.stdout).toContain("PowerShell started with an encoded command");
    const shown = await cli(["alerts", "show", alert.id]);
    expect(shown.stdout).toMatch(/1 event\(s\) linked/);
    expect(json((await cli(["alerts", "ack", alert.id, "--json"])).stdout).status).toBe(
      "acknowledged",
    );
    const declared = await cli(["alerts", "declare", alert.id, "--type", "malware", "--json"]);
    expect(declared.code, declared.stderr).toBe(0);
    expect(json(declared.stdout).incident).toMatchObject({
      type: "malware",
      source_alerts: [alert.id],
    });
    const again = await cli(["alerts", "declare", alert.id, "--type", "malware"]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already belongs to an incident/);
  });

  it("integration create prints the key once; list never shows it", {
    timeout: 180_000,
  }, async () => {
    const created = await cli([
      "integration",
      "create",
      "--kind",
      "pagerduty",
      "--name",
      "PD prod",
      "--json",
    ]);
    expect(created.code, created.stderr).toBe(0);
    const integration = json(created.stdout);
    expect(integration).toMatchObject({ kind: "pagerduty", name: "PD prod" });
    expect(integration.key).toMatch(/^[0-9a-f]{32}$/);
    const sent = await served.app.inject({
      method: "POST",
      url: "/api/v1/integrations/pagerduty/v2/enqueue",
      payload: {
        routing_key: integration.key,
        event_action: "trigger",
        payload: { summary: "CLI check", source: "cli", severity: "info" },
      },
    });
    expect(sent.statusCode).toBe(202);
    const listed = await cli(["integration", "list", "--json"]);
    expect(json(listed.stdout).items).toEqual([
      expect.objectContaining({ id: integration.id, last_received_at: expect.any(String) }),
    ]);
    expect(listed.stdout).not.toContain(integration.key);

    const mapping = join(dir, "mapping.yml");
    writeFileSync(mapping, "title: /alert/name\ndedup_key: alert.id\n");
    const hook = await cli([
      "integration",
      "create",
      "--kind",
      "webhook",
      "--name",
      "hook",
      "--mapping",
      mapping,
      "--json",
    ]);
    expect(hook.code, hook.stderr).toBe(0);
    expect(json(hook.stdout).endpoint).toMatch(/^\/api\/v1\/integrations\/webhook\//);
    const grafana = await cli([
      "integration",
      "create",
      "--kind",
      "grafana",
      "--name",
      "g",
      "--json",
    ]);
    expect(grafana.code, grafana.stderr).toBe(0);
    const contactPoint = json(grafana.stdout);
    expect(contactPoint).toMatchObject({
      kind: "grafana",
      endpoint: "/api/v1/integrations/grafana",
    });
    expect(contactPoint.key).toMatch(/^[0-9a-f]{32}$/);
    const fired = await served.app.inject({
      method: "POST",
      url: contactPoint.endpoint,
      headers: { authorization: `Bearer ${contactPoint.key}` },
      payload: GRAFANA_FIRING,
    });
    expect(fired.statusCode, fired.body).toBe(200);
    const bad = await cli(["integration", "create", "--kind", "sms", "--name", "x"]);
    expect(bad.code).toBe(2);
    expect((await cli(["integration", "delete", integration.id])).code).toBe(0);
    expect((await cli(["integration", "delete", integration.id])).code).toBe(2);
  });
});
