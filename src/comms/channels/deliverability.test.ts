// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${env:NAME}` in plain strings is the syntax under test.
import { describe, expect, it } from "vitest";
import { createChannels, KINDS_WITH_SENDER } from "./channels.js";
import {
  channelProblem,
  type DeliverySetup,
  undeliverableChannels,
  unreachableAudiences,
} from "./deliverability.js";

const ready: DeliverySetup = {
  smtpUrl: "smtp://127.0.0.1:2525",
  egressAllow: [],
  env: { HOOK: "https://hooks.example.org/T1/B2" },
};

describe("channelProblem", () => {
  it("lets through a channel whose target and transport are there", () => {
    expect(channelProblem({ kind: "email", target: "ir@example.org" }, ready)).toBeUndefined();
    expect(channelProblem({ kind: "slack", target: "${env:HOOK}" }, ready)).toBeUndefined();
    expect(
      channelProblem({ kind: "webhook", target: "https://pager.example.com/x" }, ready),
    ).toBeUndefined();
  });

  it("names the unset environment variable", () => {
    expect(channelProblem({ kind: "webhook", target: "${env:PAGER}" }, ready)).toMatch(
      /environment variable PAGER, which is not set/,
    );
    expect(
      channelProblem({ kind: "slack", target: "${env:HOOK}" }, { ...ready, env: { HOOK: "" } }),
    ).toMatch(/HOOK/);
  });

  it("refuses e-mail without SMTP", () => {
    expect(
      channelProblem({ kind: "email", target: "ir@example.org" }, { ...ready, smtpUrl: undefined }),
    ).toMatch(/FIREBREAK_SMTP_URL/);
  });

  it("refuses the kinds this deployment has no sender for", () => {
    for (const kind of ["phone", "sms", "chat"] as const)
      expect(channelProblem({ kind, target: "+1-212-555-0101" }, ready)).toMatch(/no sender/);
  });

  it("applies the egress rules to literal addresses and loopback names, without connecting", () => {
    expect(channelProblem({ kind: "webhook", target: "http://10.1.2.3/hook" }, ready)).toMatch(
      /egress rules refuse it: 10\.1\.2\.3 is not public \(private\)/,
    );
    expect(
      channelProblem({ kind: "slack", target: "http://169.254.169.254/latest" }, ready),
    ).toMatch(/metadata/);
    expect(channelProblem({ kind: "webhook", target: "http://localhost:9000/" }, ready)).toMatch(
      /loopback/,
    );
    expect(channelProblem({ kind: "webhook", target: "ftp://example.org/" }, ready)).toMatch(
      /ftp:/,
    );
    expect(channelProblem({ kind: "webhook", target: "not a url" }, ready)).toMatch(/not a URL/);
    const allowed = { ...ready, egressAllow: ["10.0.0.0/8", "localhost"] };
    expect(
      channelProblem({ kind: "webhook", target: "http://10.1.2.3/" }, allowed),
    ).toBeUndefined();
    expect(
      channelProblem({ kind: "webhook", target: "http://localhost:9000/" }, allowed),
    ).toBeUndefined();
  });
});

describe("undeliverableChannels and unreachableAudiences", () => {
  const plan = {
    channels: [
      { id: "mail", kind: "email" as const, target: "ir@example.org" },
      { id: "pager", kind: "webhook" as const, target: "${env:PAGER}" },
      { id: "phone", kind: "phone" as const, target: "+1" },
    ],
    communication: {
      audiences: [
        {
          id: "team",
          name: "Team",
          kind: "technical" as const,
          channels: ["mail", "pager"],
          cadence: {},
        },
        {
          id: "execs",
          name: "Executives",
          kind: "non_technical" as const,
          channels: ["phone"],
          cadence: {},
        },
      ],
    },
  };

  it("lists each channel that cannot deliver with its reason, and the audiences left without one", () => {
    const dead = undeliverableChannels(plan, ready);
    expect(dead.map((d) => d.channel)).toEqual(["pager", "phone"]);
    expect(unreachableAudiences(plan, dead)).toEqual([{ id: "execs", name: "Executives" }]);
    const noSmtp = undeliverableChannels(plan, { ...ready, smtpUrl: undefined });
    expect(unreachableAudiences(plan, noSmtp).map((a) => a.id)).toEqual(["team", "execs"]);
  });
});

describe("KINDS_WITH_SENDER", () => {
  it("is exactly the kinds createChannels builds a transport for", async () => {
    const set = createChannels({ mailFrom: "f@example.org" });
    for (const kind of ["email", "webhook", "slack", "phone", "sms", "chat"] as const)
      expect(set.transport(kind) !== undefined, kind).toBe(KINDS_WITH_SENDER.includes(kind));
    await set.close();
  });
});
