import { describe, expect, it } from "vitest";
import { INDICATOR_TYPES, readIndicator, refang, validateIndicator } from "./indicator.js";

const valid = (type: string, value: string) => {
  const v = validateIndicator(type, value);
  if (!v.ok) throw new Error(`${type} '${value}' rejected: ${v.reason}`);
  return v.value;
};
const reason = (type: string, value: string) => {
  const v = validateIndicator(type, value);
  if (v.ok) throw new Error(`${type} '${value}' accepted as ${v.value}`);
  return v.reason;
};

describe("refang", () => {
  it("undoes the usual defanging", () => {
    expect(refang("hxxps://evil[.]example(.)com/a")).toBe("https://evil.example.com/a");
    expect(refang("hXXp[://]evil[dot]com")).toBe("http://evil.com");
    expect(refang("mallory[at]evil{.}com")).toBe("mallory@evil.com");
    expect(refang("10[.]0[.]0[.]1")).toBe("10.0.0.1");
    expect(refang("fxp://files[.]evil[.]com")).toBe("ftp://files.evil.com");
  });
});

describe("validateIndicator", () => {
  it("accepts and normalises every type", () => {
    const cases: [string, string, string][] = [
      ["ip", " 203.0.113.7 ", "203.0.113.7"],
      ["ip", "203[.]0[.]113[.]7", "203.0.113.7"],
      ["ip", "2001:DB8:0:0::0001", "2001:db8::1"],
      ["ip", "[2001:db8::1]", "2001:db8::1"],
      ["ip", "::FFFF:192.0.2.1", "::ffff:192.0.2.1"],
      ["domain", "Evil[.]Example.COM.", "evil.example.com"],
      ["domain", "bücher.example", "xn--bcher-kva.example"],
      ["url", "hxxp://Evil[.]com/Path?q=1", "http://evil.com/Path?q=1"],
      ["url", "https://evil.com", "https://evil.com/"],
      ["email", "Mallory[at]Evil[.]com", "mallory@evil.com"],
      ["md5", "D41D8CD98F00B204E9800998ECF8427E", "d41d8cd98f00b204e9800998ecf8427e"],
      [
        "sha1",
        "da39a3ee5e6b4b0d3255bfef95601890afd80709",
        "da39a3ee5e6b4b0d3255bfef95601890afd80709",
      ],
      [
        "sha256",
        "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      ],
      ["file_name", " invoice.pdf.exe ", "invoice.pdf.exe"],
      ["file_path", "C:\\Users\\Public\\evil.exe", "C:\\Users\\Public\\evil.exe"],
      ["file_path", "/tmp/.x/kworker", "/tmp/.x/kworker"],
      ["file_path", "%APPDATA%\\evil.dll", "%APPDATA%\\evil.dll"],
      [
        "registry_key",
        "hklm\\Software\\Microsoft\\Windows\\CurrentVersion\\Run",
        "HKEY_LOCAL_MACHINE\\Software\\Microsoft\\Windows\\CurrentVersion\\Run",
      ],
      ["registry_key", "HKEY_CURRENT_USER\\Run", "HKEY_CURRENT_USER\\Run"],
      [
        "user_agent",
        "Mozilla/5.0 (compatible; evilbot/1.0)",
        "Mozilla/5.0 (compatible; evilbot/1.0)",
      ],
      ["asn", "as13335", "AS13335"],
      ["asn", "64512", "AS64512"],
      ["cve", "cve-2024-3400", "CVE-2024-3400"],
      ["mutex", "Global\\MsWinZonesCacheCounterMutexA", "Global\\MsWinZonesCacheCounterMutexA"],
    ];
    for (const [type, input, expected] of cases)
      expect(valid(type, input), `${type} ${input}`).toBe(expected);
    expect(new Set(cases.map(([t]) => t))).toEqual(new Set(INDICATOR_TYPES));
  });

  it("rejects malformed values with a reason naming the problem", () => {
    expect(reason("ip", "256.1.1.1")).toMatch(/not an IPv4 or IPv6 address/);
    expect(reason("ip", "01.2.3.4")).toMatch(/not an IPv4/);
    expect(reason("ip", "fe80::1%eth0")).toMatch(/zone id/);
    expect(reason("domain", "localhost")).toMatch(/fully qualified/);
    expect(reason("domain", "-bad.example.com")).toMatch(/not a valid domain/);
    expect(reason("domain", "10.0.0.1")).toMatch(/use the ip type/);
    expect(reason("domain", "example.123")).toMatch(/not a valid domain/);
    expect(reason("url", "evil.com/path")).toMatch(/not a URL/);
    expect(reason("email", "nobody")).toMatch(/local@domain/);
    expect(reason("email", "a b@evil.com")).toMatch(/local part/);
    expect(reason("md5", "xyz")).toMatch(/32 hexadecimal/);
    expect(reason("sha1", "a".repeat(41))).toMatch(/40 hexadecimal/);
    expect(reason("sha256", "g".repeat(64))).toMatch(/64 hexadecimal/);
    expect(reason("file_name", "C:\\evil.exe")).toMatch(/file_path/);
    expect(reason("file_path", "evil.exe")).toMatch(/absolute/);
    expect(reason("registry_key", "Software\\Run")).toMatch(/hive/);
    expect(reason("user_agent", "   ")).toMatch(/empty/);
    expect(reason("asn", "AS4294967296")).toMatch(/AS number/);
    expect(reason("cve", "CVE-24-1")).toMatch(/CVE id/);
    expect(reason("mutex", "a\u0000b")).toMatch(/control/);
    expect(reason("hash", "abc")).toMatch(/unknown indicator type 'hash'.*ip, domain/);
  });
});

describe("readIndicator", () => {
  it("reads a bare value under every type it fits", () => {
    const readings = readIndicator("hxxp://evil[.]com/x");
    expect(readings).toContainEqual({ type: "url", value: "http://evil.com/x" });
    expect(readIndicator("203[.]0[.]113[.]7")).toContainEqual({ type: "ip", value: "203.0.113.7" });
    expect(
      readIndicator("E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855").map(
        (r) => r.type,
      ),
    ).toContain("sha256");
  });
});
