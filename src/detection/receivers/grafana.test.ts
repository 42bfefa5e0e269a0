import { beforeAll, describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../../test/support/databases.js";
import { servedDetection } from "../../../test/support/detection.js";

const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

/**
 * Grafana-managed alerting's webhook contact point, in the shape Grafana's documentation gives
 * it: version "1", orgId, the deprecated title/state/message, and per alert values, silence,
 * dashboard and panel links. Two alerts in one group.
 */
function grafanaPayload(
  status: "firing" | "resolved",
  options: { startsAt?: string; endsAt?: string; only?: "memory" } = {},
) {
  const startsAt = options.startsAt ?? ago(30);
  const endsAt = status === "resolved" ? (options.endsAt ?? ago(5)) : "0001-01-01T00:00:00Z";
  const alert = (name: string, zone: string, fingerprint: string) => ({
    status,
    labels: {
      alertname: name,
      team: "blue",
      zone,
      severity: "critical",
      instance: `${zone}-db:9100`,
    },
    annotations: {
      description: `The system has ${name.toLowerCase()}`,
      runbook_url: "https://runbooks.example.org/1234",
      summary: `This alert was triggered for zone ${zone}`,
    },
    startsAt,
    endsAt,
    generatorURL: `https://grafana.example.org/alerting/${fingerprint}/edit`,
    fingerprint,
    silenceURL: `https://grafana.example.org/alerting/silence/new?alertmanager=grafana&matchers=zone%3D${zone}`,
    dashboardURL: "https://grafana.example.org/d/mem",
    panelURL: "https://grafana.example.org/d/mem?viewPanel=2",
    values: { B: 91.5, C: 1 },
  });
  const alerts = [alert("High memory usage", "us-1", "0f5d2a7c19e3b4a1")];
  if (!options.only) alerts.push(alert("High CPU usage", "eu-1", "7be4c0a95d1f2e38"));
  return {
    receiver: "Firebreak",
    status,
    orgId: 1,
    alerts,
    groupLabels: {},
    commonLabels: { team: "blue" },
    commonAnnotations: {},
    externalURL: "https://grafana.example.org/",
    version: "1",
    groupKey: "{}:{}",
    truncatedAlerts: 0,
    title: `[${status.toUpperCase()}:${alerts.length}]  (blue)`,
    state: status === "firing" ? "alerting" : "ok",
    message: `**${status}**\n\nLabels:\n - team = blue\n`,
  };
}

describe.each(TEST_DIALECTS)("the Grafana alerting receiver on $name", (dialect) => {
  const served = servedDetection(dialect);
  let key = "";

  beforeAll(async () => {
    if (dialect.skip) return;
    const created = await served.app.inject({
      method: "POST",
      url: "/api/v1/integrations",
      payload: { kind: "grafana", name: "Grafana prod" },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      kind: "grafana",
      endpoint: "/api/v1/integrations/grafana",
    });
    key = created.json().key;
  });

  const send = (body: unknown, authorization = `Bearer ${key}`) =>
    served.app.inject({
      method: "POST",
      url: "/api/v1/integrations/grafana",
      headers: { authorization },
      payload: body as object,
    });
  const alertWith = async (fingerprint: string) => {
    const items = (await served.app.inject(`/api/v1/alerts?q=${fingerprint}&limit=50`))
      .json()
      .items.filter((a: { dedup_key: string }) => a.dedup_key === fingerprint);
    expect(items).toHaveLength(1);
    return items[0];
  };

  it("firing then resolved: one alert per fingerprint, resolved at endsAt", async (ctx) => {
    if (dialect.skip) ctx.skip(dialect.skip);
    const startsAt = ago(40);
    const first = await send(grafanaPayload("firing", { startsAt }));
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().alerts).toMatchObject([
      { fingerprint: "0f5d2a7c19e3b4a1", status: "firing", action: "opened" },
      { fingerprint: "7be4c0a95d1f2e38", status: "firing", action: "opened" },
    ]);
    const opened = await alertWith("0f5d2a7c19e3b4a1");
    expect(opened).toMatchObject({
      source: "grafana",
      status: "open",
      count: 1,
      title: "High memory usage: This alert was triggered for zone us-1",
      level: "critical",
      first_seen: new Date(startsAt).toISOString(),
      entities: { host: "us-1-db" },
    });
    expect(opened.tags).toEqual(expect.arrayContaining(["team=blue", "zone=us-1"]));
    const detail = (await served.app.inject(`/api/v1/alerts/${opened.id}`)).json();
    expect(detail.payload).toMatchObject({
      orgId: 1,
      values: { B: 91.5, C: 1 },
      silenceURL: expect.stringContaining("/alerting/silence/new"),
      panelURL: "https://grafana.example.org/d/mem?viewPanel=2",
    });

    // Grafana sends the group again when another alert in it changes: not a repeat.
    expect((await send(grafanaPayload("firing", { startsAt }))).json().alerts[0].action).toBe(
      "updated",
    );
    expect((await alertWith("0f5d2a7c19e3b4a1")).count).toBe(1);

    const endsAt = ago(3);
    const resolved = await send(grafanaPayload("resolved", { startsAt, endsAt }));
    expect(resolved.json().alerts.map((a: { action: string }) => a.action)).toEqual([
      "resolved",
      "resolved",
    ]);
    for (const fingerprint of ["0f5d2a7c19e3b4a1", "7be4c0a95d1f2e38"])
      expect(await alertWith(fingerprint)).toMatchObject({
        status: "resolved",
        count: 1,
        resolved_at: new Date(endsAt).toISOString(),
      });
  });

  it("counts a new occurrence (a new startsAt) of a live alert", async (ctx) => {
    if (dialect.skip) ctx.skip(dialect.skip);
    const fingerprint = "0f5d2a7c19e3b4a1";
    const startsAt = ago(20);
    await send(grafanaPayload("firing", { startsAt, only: "memory" }));
    await send(grafanaPayload("firing", { startsAt, only: "memory" }));
    const live = (await served.app.inject(`/api/v1/alerts?q=${fingerprint}&limit=50`))
      .json()
      .items.filter((a: { status: string }) => a.status === "open");
    expect(live).toMatchObject([{ count: 1 }]);
    await send(grafanaPayload("firing", { startsAt: ago(2), only: "memory" }));
    const again = (await served.app.inject(`/api/v1/alerts/${live[0].id}`)).json();
    expect(again).toMatchObject({ status: "open", count: 2 });
  });

  it("takes the key as basic auth too; refuses other keys and other payloads", async (ctx) => {
    if (dialect.skip) ctx.skip(dialect.skip);
    const basic = `Basic ${Buffer.from(`grafana:${key}`).toString("base64")}`;
    expect((await send(grafanaPayload("firing"), basic)).statusCode).toBe(200);
    const wrong = await send(grafanaPayload("firing"), `Bearer ${"0".repeat(32)}`);
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers["content-type"]).toMatch(/problem\+json/);
    const am = await send({ ...grafanaPayload("firing"), version: "4" });
    expect(am.statusCode).toBe(400);
    expect(am.headers["content-type"]).toMatch(/problem\+json/);
    const { orgId: _, ...noOrg } = grafanaPayload("firing");
    expect((await send(noOrg)).statusCode).toBe(400);
  });
});
