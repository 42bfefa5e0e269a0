import { beforeAll, describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../../test/support/databases.js";
import {
  createReceivers,
  type Receivers,
  servedDetection,
} from "../../../test/support/detection.js";
import { deepJson } from "../../../test/support/hostile-input.js";

describe("receivers given payloads nested 5,000 levels deep", () => {
  const served = servedDetection(TEST_DIALECTS[0] as (typeof TEST_DIALECTS)[number]);
  let keys: Receivers["keys"];
  let webhookId = "";
  beforeAll(async () => {
    ({ keys, webhookId } = await createReceivers(served.app, { items: "items", title: "title" }));
  });
  const post = (url: string, payload: string, headers: Record<string, string> = {}) =>
    served.app.inject({
      method: "POST",
      url,
      headers: { "content-type": "application/json", ...headers },
      payload,
    });

  it("PagerDuty: a deep custom_details is an invalid event (400 in PagerDuty's shape), not a 500", async () => {
    const res = await post(
      "/api/v1/integrations/pagerduty/v2/enqueue",
      `{"routing_key":"${keys.pagerduty}","event_action":"trigger","payload":{"summary":"s","source":"h","severity":"info","custom_details":${deepJson(5000)}}}`,
    );
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({
      status: "invalid event",
      errors: [expect.stringMatching(/nested deeper than 64 levels/)],
    });
  });

  it("Alertmanager: a deep body is a 400 problem+json", async () => {
    const res = await post(
      "/api/v1/integrations/alertmanager",
      `{"version":"4","alerts":[{"labels":${deepJson(5000)}}]}`,
      { authorization: `Bearer ${keys.alertmanager}` },
    );
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(res.json().errors[0].path).toMatch(/^body\.alerts\[0\]\.labels\.a/);
  });

  it("webhook: the deep item is rejected alone and the others become alerts", async () => {
    const res = await post(
      `/api/v1/integrations/webhook/${webhookId}`,
      `{"items":[{"title":"ok one"},{"title":"deep","x":${deepJson(5000)}},{"title":"ok two"}]}`,
      { "x-firebreak-key": keys.webhook },
    );
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json().results).toMatchObject([
      { index: 0, action: "opened" },
      { index: 1, action: "rejected", reason: expect.stringMatching(/nested deeper than 64/) },
      { index: 2, action: "opened" },
    ]);
  });

  it("any other route: a deep JSON body is a 400 problem+json naming where", async () => {
    const res = await post("/api/v1/incidents", `{"title":"t","x":${deepJson(5000)}}`);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({
      type: "/problems/invalid_input",
      detail: "the body is nested deeper than 64 levels",
    });
  });
});
