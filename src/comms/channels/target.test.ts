// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${env:NAME}` in plain strings is the syntax under test.
import { describe, expect, it } from "vitest";
import { DomainError } from "../../domain/errors.js";
import { resolveChannelTarget } from "./target.js";

describe("resolveChannelTarget", () => {
  const env = { SLACK_HOOK: "https://hooks.example.org/T1/B2/s3cr3t", TEAM: "ir" };

  it("leaves a plain address alone", () => {
    expect(resolveChannelTarget("ir@example.org", env)).toBe("ir@example.org");
  });

  it("replaces whole and embedded ${env:NAME} references", () => {
    expect(resolveChannelTarget("${env:SLACK_HOOK}", env)).toBe(env.SLACK_HOOK);
    expect(resolveChannelTarget("${env:TEAM}@example.org", env)).toBe("ir@example.org");
  });

  it("names every missing or empty variable", () => {
    expect(() => resolveChannelTarget("${env:A}/${env:TEAM}/${env:B}", { ...env, B: "" })).toThrow(
      /environment variables A, B, which are not set/,
    );
    try {
      resolveChannelTarget("${env:NOPE}", env);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe("invalid_input");
    }
  });

  it("rejects a malformed reference instead of sending to it", () => {
    expect(() => resolveChannelTarget("${env:bad-name}", env)).toThrow(/malformed/);
    expect(() => resolveChannelTarget("${env:TEAM", env)).toThrow(/malformed/);
  });
});
