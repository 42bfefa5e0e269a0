import { beforeAll, describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../../test/support/databases.js";
import {
  createReceivers,
  type Receivers,
  servedDetection,
} from "../../../test/support/detection.js";

const sqlite = TEST_DIALECTS[0] as (typeof TEST_DIALECTS)[number];

describe("receivers for existing monitors (HTTP)", () => {
  const served = servedDetection(sqlite);
  let keys: Receivers["keys"];
  let webhookId = "";

  beforeAll(async () => {
    ({ keys, webhookId } = await createReceivers(served.app, {
      items: "alerts",
      title: "/labels/alertname",
      dedup_key: "fingerprint",
      status: "status",
      severity: "labels.priority",
      severity_map: { P1: "critical", P3: "low" },
      entities: { host: "labels.host" },
    }));
  });

  const pd = (body: Record<string, unknown>) =>
    served.app.inject({
      method: "POST",
      url: "/api/v1/integrations/pagerduty/v2/enqueue",
      payload: body,
    });
  const trigger = (dedup_key?: string, summary = "Disk full on db-1") => ({
    routing_key: keys.pagerduty,
    event_action: "trigger",
    ...(dedup_key ? { dedup_key } : {}),
    payload: { summary, source: "db-1", severity: "warning" },
  });
  const alertsWithKey = async (key: string) =>
    (await served.app.inject(`/api/v1/alerts?q=${encodeURIComponent(key)}&limit=50`))
      .json()
      .items.filter((a: { dedup_key: string }) => a.dedup_key === key);
  /** The one alert with this key (fails the test if there are more, or none). */
  const onlyAlert = async (key: string) => {
    const alerts = await alertsWithKey(key);
    expect(alerts).toHaveLength(1);
    return alerts[0];
  };

  it("keys are 32 characters and shown once", async () => {
    expect(keys.pagerduty).toMatch(/^[0-9a-f]{32}$/);
    const listed = (await served.app.inject("/api/v1/integrations")).json().items;
    expect(listed).toHaveLength(3);
    for (const i of listed) expect(i).not.toHaveProperty("key");
  });

  it("PagerDuty: trigger, repeat, resolve → one alert, count 2, resolved", async () => {
    const first = await pd(trigger("disk-db-1"));
    expect(first.statusCode).toBe(202);
    expect(first.json()).toEqual({
      status: "success",
      message: "Event processed",
      dedup_key: "disk-db-1",
    });
    expect((await pd(trigger("disk-db-1", "Disk 99% full on db-1"))).statusCode).toBe(202);
    const resolved = await pd({
      routing_key: keys.pagerduty,
      event_action: "resolve",
      dedup_key: "disk-db-1",
    });
    expect(resolved.statusCode).toBe(202);
    const alert = await onlyAlert("disk-db-1");
    expect(alert).toMatchObject({
      count: 2,
      status: "resolved",
      source: "pagerduty",
      title: "Disk 99% full on db-1",
      severity: "inconvenience",
      level: "warning",
      rule_id: null,
    });
    for (const f of ["id", "dedup_key", "first_seen", "last_seen"]) expect(alert).toHaveProperty(f);

    // After resolve: acknowledge is dropped, a trigger opens a new alert.
    await pd({ routing_key: keys.pagerduty, event_action: "acknowledge", dedup_key: "disk-db-1" });
    expect(await alertsWithKey("disk-db-1")).toHaveLength(1);
    await pd(trigger("disk-db-1"));
    const again = await alertsWithKey("disk-db-1");
    expect(again.map((a: { status: string; count: number }) => [a.status, a.count]).sort()).toEqual(
      [
        ["open", 1],
        ["resolved", 2],
      ],
    );
  });

  it("PagerDuty: acknowledge keeps repeats counting on the same alert", async () => {
    await pd(trigger("ack-me"));
    await pd({ routing_key: keys.pagerduty, event_action: "acknowledge", dedup_key: "ack-me" });
    await pd(trigger("ack-me"));
    const [alert] = await alertsWithKey("ack-me");
    expect(alert).toMatchObject({ status: "acknowledged", count: 2 });
  });

  it("PagerDuty: a trigger without dedup_key gets a generated one", async () => {
    const a = (await pd(trigger())).json();
    const b = (await pd(trigger())).json();
    expect(a.dedup_key).toMatch(/^[0-9a-f]{32}$/);
    expect(b.dedup_key).not.toBe(a.dedup_key);
  });

  it("PagerDuty: invalid events answer 400 in PagerDuty's shape", async () => {
    const res = await pd({ routing_key: keys.pagerduty, event_action: "trigger", payload: {} });
    expect(res.statusCode).toBe(400);
    expect(res.headers["content-type"]).toMatch(/application\/json/);
    expect(res.json()).toMatchObject({
      status: "invalid event",
      message: "Event object is invalid",
    });
    expect(res.json().errors).toEqual(
      expect.arrayContaining([
        "'payload.summary' is missing or blank",
        "'payload.source' is missing or blank",
      ]),
    );
    const noKey = await pd({ ...trigger("x"), routing_key: "0".repeat(32) });
    expect(noKey.statusCode).toBe(400);
    expect(noKey.json().errors).toEqual(["Invalid routing key"]);
    const resolveNoKey = await pd({ routing_key: keys.pagerduty, event_action: "resolve" });
    expect(resolveNoKey.json().errors).toContain("'dedup_key' is required to resolve");
    const badJson = await served.app.inject({
      method: "POST",
      url: "/api/v1/integrations/pagerduty/v2/enqueue",
      headers: { "content-type": "application/json" },
      payload: "{not json",
    });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.json().status).toBe("invalid event");
  });

  const notification = (
    status: "firing" | "resolved",
    fingerprint = "a1b2c3d4e5f60718",
    startsAt = "2026-11-23T08:00:00Z",
  ) => ({
    version: "4",
    groupKey: '{}:{alertname="HighLatency"}',
    truncatedAlerts: 0,
    status,
    receiver: "firebreak",
    groupLabels: { alertname: "HighLatency" },
    commonLabels: { alertname: "HighLatency", severity: "critical" },
    commonAnnotations: {},
    externalURL: "http://alertmanager:9093",
    alerts: [
      {
        status,
        labels: { alertname: "HighLatency", severity: "critical", instance: "api-7:9100" },
        annotations: { summary: "p99 latency above 2s" },
        startsAt,
        endsAt: status === "firing" ? "0001-01-01T00:00:00Z" : "2026-11-23T08:20:00Z",
        generatorURL: "http://prometheus:9090/graph",
        fingerprint,
      },
    ],
  });
  const am = (body: unknown, key = keys.alertmanager) =>
    served.app.inject({
      method: "POST",
      url: "/api/v1/integrations/alertmanager",
      headers: { authorization: `Bearer ${key}` },
      payload: body as object,
    });

  it("Alertmanager: a group re-sent does not count; a new startsAt does; resolved at endsAt", async () => {
    const first = await am(notification("firing"));
    expect(first.statusCode).toBe(200);
    expect(first.json().alerts[0]).toMatchObject({
      action: "opened",
      fingerprint: "a1b2c3d4e5f60718",
    });
    // The same alert again (group_interval, repeat_interval): refreshed, not counted.
    expect((await am(notification("firing"))).json().alerts[0].action).toBe("updated");
    expect((await onlyAlert("a1b2c3d4e5f60718")).count).toBe(1);
    // It ended and fired again without the resolve reaching us: a second occurrence.
    await am(notification("firing", "a1b2c3d4e5f60718", "2026-11-23T08:10:00Z"));
    expect((await am(notification("resolved"))).json().alerts[0].action).toBe("resolved");
    const alert = await onlyAlert("a1b2c3d4e5f60718");
    expect(alert).toMatchObject({
      count: 2,
      resolved_at: "2026-11-23T08:20:00.000Z",
      status: "resolved",
      source: "alertmanager",
      title: "HighLatency: p99 latency above 2s",
      first_seen: "2026-11-23T08:00:00.000Z",
      entities: { host: "api-7" },
    });
    expect(alert.tags).toContain("alertname=HighLatency");
  });

  it("Alertmanager: a firing/resolved pair; a resolve for nothing live is ignored", async () => {
    await am(notification("firing", "pair0001"));
    await am(notification("resolved", "pair0001"));
    expect(await alertsWithKey("pair0001")).toMatchObject([{ count: 1, status: "resolved" }]);
    expect((await am(notification("resolved", "never-fired"))).json().alerts[0].action).toBe(
      "ignored",
    );
  });

  it("Alertmanager: needs its own key; bad payloads are problem+json", async () => {
    const none = await served.app.inject({
      method: "POST",
      url: "/api/v1/integrations/alertmanager",
      payload: notification("firing"),
    });
    expect(none.statusCode).toBe(401);
    expect(none.headers["content-type"]).toMatch(/problem\+json/);
    expect((await am(notification("firing"), keys.pagerduty)).statusCode).toBe(401);
    const basic = await served.app.inject({
      method: "POST",
      url: "/api/v1/integrations/alertmanager",
      headers: {
        authorization: `Basic ${Buffer.from(`am:${keys.alertmanager}`).toString("base64")}`,
      },
      payload: notification("firing", "basic-auth"),
    });
    expect(basic.statusCode).toBe(200);
    const bad = await am({ ...notification("firing"), version: "3" });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers["content-type"]).toMatch(/problem\+json/);
  });

  it("notes when a sender last got through with the key, and only then", async () => {
    const created = await served.app.inject({
      method: "POST",
      url: "/api/v1/integrations",
      payload: { kind: "alertmanager", name: "staging alertmanager" },
    });
    const { id, key } = created.json();
    const lastReceived = async () =>
      (await served.app.inject("/api/v1/integrations"))
        .json()
        .items.find((i: { id: string }) => i.id === id).last_received_at;
    expect(await lastReceived()).toBeNull();
    expect((await am(notification("firing", "heard0001"), "0".repeat(32))).statusCode).toBe(401);
    expect(await lastReceived()).toBeNull();
    expect((await am(notification("firing", "heard0001"), key)).statusCode).toBe(200);
    expect(await lastReceived()).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);
  });

  it("generic webhook: the mapping turns items into alerts, statuses included", async () => {
    const send = (body: unknown, key = keys.webhook) =>
      served.app.inject({
        method: "POST",
        url: `/api/v1/integrations/webhook/${webhookId}`,
        headers: { "x-firebreak-key": key as string },
        payload: body as object,
      });
    const body = (status: string) => ({
      alerts: [
        {
          status,
          fingerprint: "wh-1",
          labels: { alertname: "Queue stuck", priority: "P1", host: "mq-2" },
        },
        { status, labels: { priority: "P3" } },
      ],
    });
    const first = await send(body("firing"));
    expect(first.statusCode).toBe(202);
    expect(first.json().results.map((r: { action: string }) => r.action)).toEqual([
      "opened",
      "rejected",
    ]);
    await send(body("firing"));
    expect((await send(body("resolved"))).json().results[0].action).toBe("resolved");
    expect(await alertsWithKey("wh-1")).toMatchObject([
      {
        title: "Queue stuck",
        count: 2,
        status: "resolved",
        severity: "disaster",
        level: "P1",
        entities: { host: "mq-2" },
      },
    ]);
    expect((await send(body("firing"), keys.alertmanager)).statusCode).toBe(401);
    const none = await send({ alerts: [{ labels: {} }] });
    expect(none.statusCode).toBe(400);
    const badMapping = await served.app.inject({
      method: "POST",
      url: "/api/v1/integrations",
      payload: { kind: "webhook", name: "broken", mapping: { dedup_key: "id" } },
    });
    expect(badMapping.statusCode).toBe(400);
    expect(badMapping.json().errors[0].path).toBe("mapping.title");
  });
});
