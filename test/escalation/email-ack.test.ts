import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ackSecret } from "../../src/comms/escalation/ack.service.js";
import { newAckClaim, signAckToken } from "../../src/comms/escalation/ack-token.js";
import type { Incident, TimelineEntry } from "../../src/domain/incident/model.js";
import { type RunningWorker, type Runtime, startJobWorker } from "../../src/runtime.js";
import { type App, buildApp } from "../../src/server/app.js";
import { TEST_DIALECTS } from "../support/databases.js";
import { commsRuntime, pagingLibrary } from "../support/escalation.js";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp-server.js";
import { waitFor } from "../support/wait.js";

describe.each(TEST_DIALECTS)("e-mail pages and acknowledgement links on $name", (dialect) => {
  let rt: Runtime;
  let app: App;
  let smtp: TestSmtpServer;
  let comms: RunningWorker;
  let base: string;

  const api = async <T>(method: "GET" | "POST", path: string, body?: object): Promise<T> => {
    const res = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: body ? { "content-type": "application/json" } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    expect(res.status, await res.clone().text()).toBeLessThan(300);
    return (await res.json()) as T;
  };

  beforeEach(async (ctx) => {
    if (dialect.skip) return ctx.skip(dialect.skip);
    smtp = await startSmtpServer();
    const library = pagingLibrary({
      escalation: ["inconvenience", "emergency"].map((severity) => ({
        severity,
        steps: [
          { notify: ["role:commander"], after: "PT1H" },
          { notify: ["role:deputy-commander"], after: "PT1H" },
        ],
      })),
    });
    rt = await commsRuntime(dialect, { library, env: { FIREBREAK_SMTP_URL: smtp.url } });
    app = await buildApp(rt, { logger: false, auth: "trust-local" });
    await app.listen({ port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    comms = await startJobWorker(rt, { linkBase: base, pollMs: 50 });
  });
  afterEach(async () => {
    await comms?.stop();
    await app?.close();
    await smtp?.close();
    await rt?.close();
  });

  it("e-mails the commander with id and severity in the subject and a one-time ack link", async () => {
    const incident = await api<Incident>("POST", "/incidents", {
      title: "Worm on FS01",
      type: "malware",
      severity: "emergency",
    });
    const mail = await waitFor("the page to arrive by e-mail", () => smtp.messages[0]);
    expect(mail.to).toEqual(["ann@example.org"]);
    expect(mail.subject).toBe(`[emergency] ${incident.human_id}: Page: Worm on FS01`);
    expect(mail.text).toContain("You receive this as role:commander");
    const link = /(http:\/\/127\.0\.0\.1:\d+\/api\/v1\/ack\/[\w.-]+)/.exec(mail.text)?.[1];
    expect(link, mail.text).toBeDefined();
    expect(mail.html).toContain(String(link));

    expect(mail.headers["auto-submitted"]).toBe("auto-generated");

    // Mail gateways, chat previews, `curl -I` and `curl`: opening the link changes nothing.
    const head = await fetch(String(link), { method: "HEAD" });
    expect(head.status).toBe(200);
    const opened = await fetch(String(link), { headers: { "user-agent": "curl/8.5.0" } });
    expect(opened.status).toBe(200);
    expect(opened.headers.get("content-type")).toMatch(/^text\/html/);
    expect(opened.headers.get("content-security-policy")).toMatch(/form-action 'self'/);
    const html = await opened.text();
    expect(html).toContain(`Acknowledge ${incident.human_id}?`);
    expect(html).toContain(`You were paged as Ann Archer for ${incident.human_id} (emergency)`);
    expect(html).toContain("Escalation: step 1 of 2, round 1 of 1, paged at ");
    expect(html).toMatch(
      /<form method="post"><button type="submit">Acknowledge INC-\S+ as Ann Archer/,
    );
    const unacknowledged = async () => {
      expect((await api<Incident>("GET", `/incidents/${incident.id}`)).times.acknowledged_at).toBe(
        null,
      );
      expect(await api("GET", `/incidents/${incident.id}/escalation`)).toMatchObject({
        status: "active",
      });
    };
    await unacknowledged();

    // Another site's auto-submitting form cannot acknowledge, and does not spend the link.
    const crossSite = await fetch(String(link), {
      method: "POST",
      headers: {
        origin: "https://evil.example",
        "content-type": "application/x-www-form-urlencoded",
      },
    });
    expect(crossSite.status).toBe(403);
    const fetchMeta = await fetch(String(link), {
      method: "POST",
      headers: { "sec-fetch-site": "cross-site" },
    });
    expect(fetchMeta.status).toBe(403);
    await unacknowledged();

    // The person presses the button: the browser posts the form back to the link, same-origin.
    const submit = () =>
      fetch(String(link), {
        method: "POST",
        headers: {
          origin: base,
          "sec-fetch-site": "same-origin",
          "content-type": "application/x-www-form-urlencoded",
        },
        body: "",
      });
    const first = await submit();
    expect(first.status).toBe(200);
    expect(await first.text()).toContain(`Acknowledged ${incident.human_id} as Ann Archer`);

    const after = await api<Incident>("GET", `/incidents/${incident.id}`);
    expect(after.times.acknowledged_at).not.toBeNull();
    const timeline = (
      await api<{ items: TimelineEntry[] }>("GET", `/incidents/${incident.id}/timeline`)
    ).items;
    expect(timeline.filter((e) => e.kind === "incident.acknowledged")).toEqual([
      expect.objectContaining({
        actor: expect.objectContaining({ kind: "person", id: "ann", name: "Ann Archer" }),
        payload: expect.objectContaining({ via: "link", first: true }),
      }),
    ]);
    expect(await api("GET", `/incidents/${incident.id}/escalation`)).toMatchObject({
      status: "acknowledged",
    });

    const second = await submit();
    expect(second.status).toBe(409);
    expect(await second.text()).toContain("already been used");
    expect((await fetch(String(link))).status).toBe(409);
  });

  it("refuses links that were tampered with or have expired", async () => {
    const incident = await api<Incident>("POST", "/incidents", {
      title: "Worm on FS02",
      type: "malware",
      severity: "inconvenience",
    });
    const secret = await ackSecret(rt);
    const valid = signAckToken(newAckClaim(incident.id, "person:ann", new Date()), secret);
    const [v, payload, mac] = valid.split(".");
    const forged = signAckToken(
      newAckClaim(incident.id, "person:ann", new Date()),
      "not the key!!!!!!",
    );
    const expired = signAckToken(newAckClaim(incident.id, "person:ann", new Date(), -1000), secret);
    const status = async (token: string) => (await fetch(`${base}/api/v1/ack/${token}`)).status;
    expect(await status(forged)).toBe(403);
    expect(await status(`${v}.${payload}.${mac?.slice(1)}A`)).toBe(403);
    expect(await status(expired)).toBe(410);
    expect(await status("hello")).toBe(400);
    const still = await api<Incident>("GET", `/incidents/${incident.id}`);
    expect(still.times.acknowledged_at).toBeNull();
    expect(await status(valid)).toBe(200);
    const post = await fetch(`${base}/api/v1/ack/${expired}`, { method: "POST" });
    expect(post.status).toBe(410);
    expect((await api<Incident>("GET", `/incidents/${incident.id}`)).times.acknowledged_at).toBe(
      null,
    );
  });
});
