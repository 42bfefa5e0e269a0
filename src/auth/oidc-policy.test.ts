import { describe, expect, it } from "vitest";
import { loadConfig } from "../config.js";
import { groupsOf, type RoleMapping, roleFromClaims } from "./oidc-policy.js";

const mapping: RoleMapping = {
  groupsClaim: "groups",
  groups: [
    { group: "firebreak-observers", role: "observer" },
    { group: "firebreak-admins", role: "admin" },
    { group: "firebreak-responders", role: "responder" },
  ],
  defaultRole: "none",
};

describe("roles from a provider's groups", () => {
  it("gives the most powerful mapped role, whatever the order of groups or mapping", () => {
    const claims = { groups: ["firebreak-observers", "staff", "firebreak-admins"] };
    expect(roleFromClaims(claims, mapping)).toBe("admin");
    expect(roleFromClaims({ groups: ["firebreak-responders"] }, mapping)).toBe("responder");
  });

  it("refuses someone with no mapped group unless a default role is configured", () => {
    expect(roleFromClaims({ groups: ["staff"] }, mapping)).toBeUndefined();
    expect(roleFromClaims({}, mapping)).toBeUndefined();
    expect(roleFromClaims({ groups: ["staff"] }, { ...mapping, defaultRole: "observer" })).toBe(
      "observer",
    );
  });

  it("reads nested claims by a dotted path, a lone group as a string, and ignores odd values", () => {
    const keycloak = { realm_access: { roles: ["firebreak-admins", 7, null] } };
    expect(groupsOf(keycloak, "realm_access.roles")).toEqual(["firebreak-admins"]);
    expect(groupsOf({ groups: "firebreak-admins" }, "groups")).toEqual(["firebreak-admins"]);
    expect(groupsOf({ groups: { a: 1 } }, "groups")).toEqual([]);
    expect(groupsOf({ realm_access: "x" }, "realm_access.roles")).toEqual([]);
    // Inherited members of an object are not claims.
    expect(groupsOf({}, "constructor.name")).toEqual([]);
  });
});

describe("single sign-on configuration", () => {
  const base = { FIREBREAK_PUBLIC_URL: "https://firebreak.example.org" };
  const problems = (env: Record<string, string>) => {
    try {
      loadConfig({}, env);
      return [];
    } catch (e) {
      return (e as { problems: string[] }).problems;
    }
  };

  it("takes a complete configuration, with the role mapping parsed", () => {
    const config = loadConfig(
      {},
      {
        ...base,
        FIREBREAK_OIDC_ISSUER: "https://sso.example.org/realms/corp",
        FIREBREAK_OIDC_CLIENT_ID: "firebreak",
        FIREBREAK_OIDC_CLIENT_SECRET: "s3cret-value",
        FIREBREAK_OIDC_ROLE_GROUPS: "firebreak-admins=admin, cn=ir-team=responder",
        FIREBREAK_OIDC_PASSWORD_SIGN_IN: "off",
        FIREBREAK_OIDC_BREAK_GLASS: "Root@Example.org, other@example.org",
      },
    );
    expect(config.oidcRoleGroups).toEqual([
      { group: "firebreak-admins", role: "admin" },
      { group: "cn=ir-team", role: "responder" },
    ]);
    expect(config.breakGlassEmails).toEqual(["root@example.org", "other@example.org"]);
    expect(config.oidcDefaultRole).toBe("none");
    expect(config.passwordSignIn).toBe("off");
  });

  it("names every missing piece at once and never repeats the client secret", () => {
    const listed = problems({
      FIREBREAK_OIDC_ISSUER: "https://sso.example.org",
      FIREBREAK_OIDC_CLIENT_SECRET: "s3cret-value",
    });
    expect(listed.join("\n")).toContain("FIREBREAK_OIDC_CLIENT_ID");
    expect(listed.join("\n")).toContain("FIREBREAK_PUBLIC_URL");
    expect(
      problems({
        ...base,
        FIREBREAK_OIDC_ISSUER: "http://sso.example.org",
        FIREBREAK_OIDC_CLIENT_SECRET: "s3cret-value",
        FIREBREAK_OIDC_ROLE_GROUPS: "admins=root",
        FIREBREAK_OIDC_PASSWORD_SIGN_IN: "maybe",
      }),
    ).toEqual([
      expect.stringMatching(/^FIREBREAK_OIDC_ISSUER .*must be https/),
      expect.stringMatching(/^FIREBREAK_OIDC_ROLE_GROUPS .*'admins=root' is not group=role/),
      expect.stringMatching(/^FIREBREAK_OIDC_PASSWORD_SIGN_IN .*must be on or off/),
    ]);
    expect(
      problems({
        ...base,
        FIREBREAK_OIDC_ISSUER: "https://x",
        FIREBREAK_OIDC_CLIENT_SECRET: "s3cret-value",
        FIREBREAK_OIDC_SCOPES: "email",
      }).join("\n"),
    ).not.toContain("s3cret-value");
  });

  it("refuses passwords off without single sign-on, and allows plain http only on loopback", () => {
    expect(problems({ FIREBREAK_OIDC_PASSWORD_SIGN_IN: "off" })).toEqual([
      expect.stringContaining("needs FIREBREAK_OIDC_ISSUER"),
    ]);
    expect(
      problems({
        ...base,
        FIREBREAK_OIDC_ISSUER: "http://localhost:8081/realms/dev",
        FIREBREAK_OIDC_CLIENT_ID: "firebreak",
      }),
    ).toEqual([]);
  });
});
