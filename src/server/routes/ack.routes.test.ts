import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../../test/support/databases.js";
import { commsRuntime, pagingLibrary } from "../../../test/support/escalation.js";
import { ackSecret } from "../../comms/escalation/ack.service.js";
import { newAckClaim, signAckToken } from "../../comms/escalation/ack-token.js";
import type { Incident } from "../../domain/incident/model.js";
import type { Runtime } from "../../runtime.js";
import { type App, buildApp } from "../app.js";

const PUBLIC = "https://firebreak.example.org";

/**
 * Acknowledgement links over HTTP: opening (GET, HEAD) never acknowledges, the page's POST does,
 * once, and only from the page itself. The e-mail round trip is in test/escalation/email-ack.
 */
describe.each(TEST_DIALECTS)("acknowledgement links on $name", (dialect) => {
  let rt: Runtime;
  let app: App;

  beforeEach(async (ctx) => {
    if (dialect.skip) return ctx.skip(dialect.skip);
    rt = await commsRuntime(dialect, {
      library: pagingLibrary(),
      env: { FIREBREAK_PUBLIC_URL: PUBLIC },
    });
    app = await buildApp(rt, { logger: false, auth: "trust-local" });
  });
  afterEach(async () => {
    await app?.close();
    await rt?.close();
  });

  const declare = async (body: Record<string, unknown> = {}) => {
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/incidents",
      payload: { title: "Insider copies payroll", type: "malware", ...body },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Incident;
  };
  const link = async (incident: Incident, recipient = "person:ann") =>
    `/api/v1/ack/${signAckToken(newAckClaim(incident.id, recipient, new Date()), await ackSecret(rt))}`;
  const acknowledgedAt = async (incident: Incident) =>
    (await rt.incidents.get(incident.id))?.times.acknowledged_at ?? null;
  const post = (url: string, headers: Record<string, string> = {}) =>
    app.inject({ method: "POST", url, headers });

  it("shows who, which incident and which step on GET and HEAD, changing nothing", async () => {
    const incident = await declare({ severity: "emergency" });
    const url = await link(incident);
    for (let i = 0; i < 3; i++) {
      expect((await app.inject({ method: "HEAD", url })).statusCode).toBe(200);
      const res = await app.inject({ method: "GET", url, headers: { "user-agent": "Slackbot" } });
      expect(res.statusCode).toBe(200);
      expect(res.headers["cache-control"]).toBe("no-store");
      expect(res.headers["content-security-policy"]).toMatch(/frame-ancestors 'none'/);
      // Under no-referrer a browser posts the page's form with `Origin: null`, which is refused.
      expect(res.headers["referrer-policy"]).toBe("same-origin");
      expect(res.body).toContain(`You were paged as Ann Archer for ${incident.human_id}`);
      expect(res.body).toContain("Opening this page changed nothing.");
    }
    expect(await acknowledgedAt(incident)).toBeNull();
    expect((await rt.escalations.get(incident.id))?.status).toBe("active");
  });

  it("acknowledges on the page's POST once; refuses other sites' forms without spending it", async () => {
    const incident = await declare({ severity: "emergency" });
    const url = await link(incident);
    const crossSite: Record<string, string>[] = [
      { origin: "https://evil.example" },
      { origin: "null" },
      { "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "same-site", origin: "https://ack.example.org" },
    ];
    for (const headers of crossSite) {
      const res = await post(url, headers);
      expect(res.statusCode, JSON.stringify(headers)).toBe(403);
      expect(res.body).toContain("This came from another site.");
    }
    expect(await acknowledgedAt(incident)).toBeNull();

    const ok = await post(url, {
      origin: PUBLIC,
      "sec-fetch-site": "same-origin",
      "content-type": "application/x-www-form-urlencoded",
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.body).toContain(`Acknowledged ${incident.human_id} as Ann Archer`);
    expect(await acknowledgedAt(incident)).not.toBeNull();
    expect((await rt.escalations.get(incident.id))?.status).toBe("acknowledged");
    expect((await post(url, { origin: PUBLIC })).statusCode).toBe(409);
    expect((await app.inject({ method: "GET", url })).statusCode).toBe(409);
  });

  it("counts two submissions at once only once", async () => {
    const incident = await declare({ severity: "emergency" });
    const url = await link(incident);
    const codes = (await Promise.all([post(url), post(url), post(url)])).map((r) => r.statusCode);
    expect(codes.sort()).toEqual([200, 409, 409]);
    const acks = (await rt.incidents.timeline(incident.id)).filter(
      (e) => e.kind === "incident.acknowledged",
    );
    expect(acks).toHaveLength(1);
  });

  it("keeps a restricted incident's title off the page and names a channel recipient", async () => {
    const incident = await declare({ severity: "emergency", restricted: true });
    const res = await app.inject({ method: "GET", url: await link(incident, "channel:pager-1") });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("You were paged as channel pager-1");
    expect(res.body).toContain("restricted incident (details in Firebreak)");
    expect(res.body).not.toContain("payroll");
  });

  it("answers refused links with their status on GET and POST alike", async () => {
    const incident = await declare();
    const secret = await ackSecret(rt);
    const expired = signAckToken(newAckClaim(incident.id, "person:ann", new Date(), -1000), secret);
    const forged = signAckToken(newAckClaim(incident.id, "person:ann", new Date()), "x".repeat(20));
    const gone = signAckToken(newAckClaim("no-such-incident", "person:ann", new Date()), secret);
    for (const [token, status] of [
      [expired, 410],
      [forged, 403],
      [gone, 404],
      ["hello", 400],
    ] as const) {
      for (const method of ["GET", "POST"] as const) {
        const res = await app.inject({ method, url: `/api/v1/ack/${token}` });
        expect(res.statusCode, `${method} ${token}`).toBe(status);
        expect(res.headers["content-type"]).toMatch(/^text\/html/);
      }
    }
    expect(await acknowledgedAt(incident)).toBeNull();
  });
});
