import { describe, expect, it } from "vitest";
import { compileRules, SigmaEngine } from "./index.js";
import { base64Offsets, windashVariants } from "./modifiers.js";

/** A rule with one selection (given as YAML lines under `selection:`), condition `selection`. */
function rule(selection: string, extra = ""): string {
  const body = selection
    .trim()
    .split("\n")
    .map((l) => `        ${l}`)
    .join("\n");
  return `title: t
id: r1
logsource:
    product: test
detection:
    selection:
${body}
    condition: selection
${extra}`;
}

/** Does the rule match the (flat) event? Checked with and without the prefilter. */
function matches(
  yaml: string,
  event: Record<string, unknown>,
  placeholders?: Record<string, string[]>,
): boolean {
  const set = compileRules([{ file: "r.yml", text: yaml }], { placeholders });
  expect(set.failures).toEqual([]);
  const fast = new SigmaEngine(set).match(event).length > 0;
  const slow = new SigmaEngine(set, { prefilter: false }).match(event).length > 0;
  expect(fast).toBe(slow);
  return fast;
}

function failure(yaml: string): string {
  const set = compileRules([{ file: "r.yml", text: yaml }]);
  expect(set.failures).toHaveLength(1);
  return set.failures[0]?.reason ?? "";
}

describe("plain values", () => {
  it("compares whole values, case-insensitively", () => {
    const r = rule("Image: 'C:\\Windows\\System32\\whoami.exe'");
    expect(matches(r, { Image: "c:\\windows\\system32\\WHOAMI.exe" })).toBe(true);
    expect(matches(r, { Image: "c:\\windows\\system32\\whoami.exe.bak" })).toBe(false);
    expect(matches(r, { Other: "C:\\Windows\\System32\\whoami.exe" })).toBe(false);
  });

  it("ORs list values and ANDs map keys", () => {
    const r = rule("EventID:\n    - 4624\n    - 4625\nLogonType: 3");
    expect(matches(r, { EventID: 4625, LogonType: 3 })).toBe(true);
    expect(matches(r, { EventID: "4624", LogonType: "3" })).toBe(true);
    expect(matches(r, { EventID: 4625, LogonType: 2 })).toBe(false);
  });

  it("keeps number text as written (leading zeros, hex)", () => {
    expect(matches(rule("Details|endswith: 00000429"), { Details: "DWORD 00000429" })).toBe(true);
    expect(matches(rule("Status: 0xC000006D"), { Status: "0xc000006d" })).toBe(true);
  });

  it("matches any element of an array field", () => {
    const r = rule("Tags|contains: evil");
    expect(matches(r, { Tags: ["good", "very EVIL one"] })).toBe(true);
    expect(matches(r, { Tags: ["good", "fine"] })).toBe(false);
  });

  it("treats a list of maps as OR", () => {
    const yaml = `title: t
logsource: {product: test}
detection:
    selection:
        - Image|endswith: '\\example.exe'
        - Description|contains: 'Test executable'
    condition: selection`;
    expect(matches(yaml, { Image: "C:\\example.exe" })).toBe(true);
    expect(matches(yaml, { Description: "a test executable" })).toBe(true);
    expect(matches(yaml, { Image: "C:\\other.exe" })).toBe(false);
  });
});

describe("wildcards and escapes", () => {
  it("supports * and ?", () => {
    // `\\*` is a backslash then a wildcard (`\*` alone would be a literal star).
    expect(
      matches(rule("Image: 'C:\\\\*\\cmd.exe'"), { Image: "c:\\windows\\system32\\cmd.exe" }),
    ).toBe(true);
    expect(
      matches(rule("Image: 'C:\\*\\cmd.exe'"), { Image: "c:\\windows\\system32\\cmd.exe" }),
    ).toBe(false);
    expect(matches(rule("Image: 'prog?.exe'"), { Image: "progA.exe" })).toBe(true);
    expect(matches(rule("Image: 'prog?.exe'"), { Image: "progAB.exe" })).toBe(false);
    expect(matches(rule("Image: 'a*b*c'"), { Image: "aXXbYYc" })).toBe(true);
    expect(matches(rule("Image: 'a*b*c'"), { Image: "aXXcYYb" })).toBe(false);
  });

  it("escapes wildcards with a backslash", () => {
    expect(matches(rule("Value: 'star\\*'"), { Value: "star*" })).toBe(true);
    expect(matches(rule("Value: 'star\\*'"), { Value: "stars" })).toBe(false);
    expect(matches(rule("Value: 'what\\?'"), { Value: "what?" })).toBe(true);
    expect(matches(rule("Value: 'what\\?'"), { Value: "whatx" })).toBe(false);
  });

  it("reads backslashes as the specification says", () => {
    // A plain backslash; `\\` is one backslash; `\\*` is a backslash then a wildcard.
    expect(matches(rule("P: 'C:\\Windows'"), { P: "C:\\Windows" })).toBe(true);
    expect(matches(rule("P: 'C:\\\\Windows'"), { P: "C:\\Windows" })).toBe(true);
    expect(matches(rule("P: 'dir\\\\*'"), { P: "dir\\anything" })).toBe(true);
    expect(matches(rule("P: 'a\\\\\\*'"), { P: "a\\*" })).toBe(true);
    expect(matches(rule("P: 'a\\\\\\*'"), { P: "a\\x" })).toBe(false);
    expect(matches(rule("P: '\\\\\\\\server'"), { P: "\\\\server" })).toBe(true);
  });
});

describe("string modifiers", () => {
  it("contains, startswith, endswith", () => {
    expect(matches(rule("C|contains: 'mimi'"), { C: "x MIMIkatz y" })).toBe(true);
    expect(matches(rule("C|startswith: 'mimi'"), { C: "mimikatz" })).toBe(true);
    expect(matches(rule("C|startswith: 'mimi'"), { C: "a mimikatz" })).toBe(false);
    expect(matches(rule("C|endswith: '.exe'"), { C: "a.EXE" })).toBe(true);
    expect(matches(rule("C|endswith: '.exe'"), { C: "a.exe.txt" })).toBe(false);
  });

  it("all: every value must match", () => {
    const r = rule("C|contains|all:\n    - ' -nop '\n    - ' -w hidden '");
    expect(matches(r, { C: "powershell -nop -w hidden -c x" })).toBe(true);
    expect(matches(r, { C: "powershell -nop -c x" })).toBe(false);
  });

  it("cased: case-sensitive", () => {
    expect(matches(rule("C|cased: 'Admin'"), { C: "Admin" })).toBe(true);
    expect(matches(rule("C|cased: 'Admin'"), { C: "admin" })).toBe(false);
    expect(matches(rule("C|contains|cased: ' -O '"), { C: "wget -O x" })).toBe(true);
    expect(matches(rule("C|contains|cased: ' -O '"), { C: "wget -o x" })).toBe(false);
  });

  it("windash: every dash variant at the start of a flag", () => {
    const r = rule("C|contains|windash: ' -enc '");
    for (const d of ["-", "/", "\u2013", "\u2014", "\u2015"]) {
      expect(matches(r, { C: `powershell ${d}enc ZQB4AGkAdAA=` })).toBe(true);
    }
    expect(matches(r, { C: "powershell +enc x" })).toBe(false);
    expect(windashVariants("a-b")).toEqual(["a-b"]);
    expect(windashVariants(" -a /b")).toHaveLength(25);
  });

  it("re with i, m and s", () => {
    expect(matches(rule("C|re: 'net\\s+user'"), { C: "net   user bob" })).toBe(true);
    expect(matches(rule("C|re: 'NET'"), { C: "net user" })).toBe(false);
    expect(matches(rule("C|re|i: 'NET'"), { C: "net user" })).toBe(true);
    expect(matches(rule("C|re: '^b'"), { C: "a\nb" })).toBe(false);
    expect(matches(rule("C|re|m: '^b'"), { C: "a\nb" })).toBe(true);
    expect(matches(rule("C|re: 'a.b'"), { C: "a\nb" })).toBe(false);
    expect(matches(rule("C|re|s: 'a.b'"), { C: "a\nb" })).toBe(true);
    expect(matches(rule("C|re: '(?i)abc'"), { C: "xABCx" })).toBe(true);
  });

  it("base64 and base64offset", () => {
    expect(matches(rule("C|base64: 'http://'"), { C: "aHR0cDovLw==" })).toBe(true);
    expect(matches(rule("C|base64|contains: 'http://'"), { C: "xx aHR0cDovLw== yy" })).toBe(true);
    expect(base64Offsets(Buffer.from("/bin/bash"))).toEqual([
      "L2Jpbi9iYXNo",
      "9iaW4vYmFza",
      "vYmluL2Jhc2",
    ]);
    const r = rule("C|base64offset|contains: '/bin/bash'");
    for (const prefix of ["", "a", "ab", "abc"]) {
      const encoded = Buffer.from(`${prefix}/bin/bash -i`).toString("base64");
      expect(matches(r, { C: `echo ${encoded} | base64 -d` })).toBe(true);
    }
  });

  it("utf16le / wide / utf16be / utf16 before base64", () => {
    const enc = (s: string) => Buffer.from(s, "utf16le").toString("base64");
    expect(
      matches(rule("C|wide|base64offset|contains: 'ping'"), { C: `-enc ${enc("cmd /c ping x")}` }),
    ).toBe(true);
    expect(matches(rule("C|utf16le|base64: 'ab'"), { C: enc("ab") })).toBe(true);
    const be = Buffer.from([0, 0x61, 0, 0x62]).toString("base64");
    expect(matches(rule("C|utf16be|base64: 'ab'"), { C: be })).toBe(true);
    const bom = Buffer.from([0xff, 0xfe, 0x61, 0, 0x62, 0]).toString("base64");
    expect(matches(rule("C|utf16|base64: 'ab'"), { C: bom })).toBe(true);
  });
});

describe("typed modifiers", () => {
  it("cidr for IPv4 and IPv6", () => {
    const r = rule("Ip|cidr:\n    - '10.0.0.0/8'\n    - 'fe80::/10'\n    - '192.168.1.1'");
    expect(matches(r, { Ip: "10.20.30.40" })).toBe(true);
    expect(matches(r, { Ip: "11.0.0.1" })).toBe(false);
    expect(matches(r, { Ip: "FE80::1ff:fe23:4567:890a" })).toBe(true);
    expect(matches(r, { Ip: "2001:db8::1" })).toBe(false);
    expect(matches(r, { Ip: "::ffff:10.1.2.3" })).toBe(true);
    expect(matches(r, { Ip: "192.168.1.1" })).toBe(true);
    expect(matches(r, { Ip: "not an ip" })).toBe(false);
    expect(failure(rule("Ip|cidr: '10.0.0.0/33'"))).toMatch(/invalid CIDR/);
  });

  it("lt, lte, gt, gte", () => {
    expect(matches(rule("N|gt: 10"), { N: 11 })).toBe(true);
    expect(matches(rule("N|gt: 10"), { N: "10" })).toBe(false);
    expect(matches(rule("N|gte: 10"), { N: "10" })).toBe(true);
    expect(matches(rule("N|lt: 10"), { N: 9.5 })).toBe(true);
    expect(matches(rule("N|lte: 10"), { N: 11 })).toBe(false);
    expect(matches(rule("N|lt: 10"), { N: "abc" })).toBe(false);
  });

  it("neq: present and different", () => {
    expect(matches(rule("U|neq: SYSTEM"), { U: "bob" })).toBe(true);
    expect(matches(rule("U|neq: SYSTEM"), { U: "system" })).toBe(false);
    expect(matches(rule("U|neq: SYSTEM"), {})).toBe(false);
    expect(matches(rule("N|neq:\n    - 1\n    - 2"), { N: 3 })).toBe(true);
    expect(matches(rule("N|neq:\n    - 1\n    - 2"), { N: 2 })).toBe(false);
  });

  it("exists, null and empty values", () => {
    expect(matches(rule("F|exists: true"), { F: "" })).toBe(true);
    expect(matches(rule("F|exists: true"), { F: null })).toBe(true);
    expect(matches(rule("F|exists: true"), {})).toBe(false);
    expect(matches(rule("F|exists: false"), {})).toBe(true);
    expect(matches(rule("F: null"), {})).toBe(true);
    expect(matches(rule("F: null"), { F: null })).toBe(true);
    expect(matches(rule("F: null"), { F: "" })).toBe(false);
    expect(matches(rule("F: ''"), { F: "" })).toBe(true);
    expect(matches(rule("F: ''"), { F: "x" })).toBe(false);
  });

  it("fieldref compares two fields", () => {
    expect(
      matches(rule("Image|fieldref: ParentImage"), {
        Image: "C:\\A.exe",
        ParentImage: "c:\\a.exe",
      }),
    ).toBe(true);
    expect(
      matches(rule("Image|fieldref: ParentImage"), {
        Image: "C:\\A.exe",
        ParentImage: "c:\\b.exe",
      }),
    ).toBe(false);
    expect(matches(rule("Image|fieldref: ParentImage"), { Image: "C:\\A.exe" })).toBe(false);
    expect(
      matches(rule("Path|fieldref|startswith: Dir"), { Path: "C:\\dir\\f", Dir: "C:\\DIR" }),
    ).toBe(true);
  });

  it("expand resolves placeholders from the configured map", () => {
    const r = rule("User|expand: '%Administrators%'");
    const admins = { Administrators: ["adm_*", "root"] };
    expect(matches(r, { User: "adm_bob" }, admins)).toBe(true);
    expect(matches(r, { User: "root" }, admins)).toBe(true);
    expect(matches(r, { User: "bob" }, admins)).toBe(false);
    // An escaped percent sign is plain text; without expand, %x% is plain text too.
    expect(matches(rule("V|expand: '\\%plain%n%'"), { V: "%plainX" }, { n: ["X"] })).toBe(true);
    expect(matches(rule("V: '%n%'"), { V: "%n%" }, { n: ["X"] })).toBe(true);
  });

  it("expand without a value matches nothing and warns", () => {
    const set = compileRules([{ file: "r.yml", text: rule("User|expand: '%Missing%'") }]);
    expect(set.failures).toEqual([]);
    expect(set.warnings[0]?.message).toMatch(/%Missing%/);
    expect(new SigmaEngine(set).match({ User: "%Missing%" })).toEqual([]);
  });

  it("time parts of a date", () => {
    const ev = { T: "2024-03-05T22:15:00Z" };
    expect(matches(rule("T|hour: 22"), ev)).toBe(true);
    expect(matches(rule("T|hour|gte: 20"), ev)).toBe(true);
    expect(matches(rule("T|minute: 15"), ev)).toBe(true);
    expect(matches(rule("T|day: 5"), ev)).toBe(true);
    expect(matches(rule("T|month: 3"), ev)).toBe(true);
    expect(matches(rule("T|year: 2024"), ev)).toBe(true);
    expect(matches(rule("T|week: 10"), ev)).toBe(true);
    expect(matches(rule("T|hour: 21"), ev)).toBe(false);
  });

  it("rejects unknown and conflicting modifiers with their position", () => {
    expect(failure(rule("C|contain: x"))).toMatch(
      /line 7, column \d+: .*unknown modifier 'contain'/,
    );
    expect(failure(rule("C|contains|startswith: x"))).toMatch(/conflicting modifiers/);
    expect(failure(rule("C|re|cidr: x"))).toMatch(/cannot be combined/);
    expect(failure(rule("C|i: x"))).toMatch(/needs 're'/);
    expect(failure(rule("C|re: '(unclosed'"))).toMatch(/unsupported regular expression/);
  });
});

describe("keywords", () => {
  const yaml = (list: string) => `title: t
logsource: {product: test}
detection:
    keywords:
${list}
    condition: keywords`;

  it("searches every value of the event", () => {
    const r = yaml("        - 'event::clear'\n        - 'mimidrv.sys'");
    expect(matches(r, { A: "x", B: "run EVENT::Clear now" })).toBe(true);
    expect(matches(r, { A: ["a", "c:\\mimidrv.sys"] })).toBe(true);
    expect(matches(r, { A: "event clear" })).toBe(false);
  });

  it("supports |all and wildcards", () => {
    const r = yaml(
      "        '|all':\n            - 'OabVirtualDirectory'\n            - ' -ExternalUrl '",
    );
    expect(matches(r, { A: "Set-OabVirtualDirectory", B: "x -ExternalUrl y" })).toBe(true);
    expect(matches(r, { A: "Set-OabVirtualDirectory" })).toBe(false);
    expect(matches(yaml("        - 'foo*bar'"), { A: "xx foo 1 bar yy" })).toBe(true);
  });

  it("finds numbers too", () => {
    expect(matches(yaml("        - '4444'"), { Port: 4444 })).toBe(true);
  });
});
