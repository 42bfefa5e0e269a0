import { RE2JS } from "re2js";
import { describe, expect, it } from "vitest";
import { inCidr, parseCidr, parseIp } from "./cidr.js";
import { compileRegexInfo, regexNeedles } from "./regex.js";
import { backtrackBound, minLength, parseRegex } from "./regex-ast.js";

describe("regex safety", () => {
  it("a pathological pattern on a long string completes fast", () => {
    const long = `${"a".repeat(50_000)}!`;
    for (const p of ["(a+)+$", "(a|aa)+$", "(a*)*b", "(.*a){12}x"]) {
      const re = compileRegexInfo(p, {});
      expect(re.engine).toBe("re2");
      const t0 = performance.now();
      expect(re.test(long)).toBe(false);
      expect(performance.now() - t0).toBeLessThan(2000);
    }
  });

  it("uses a native RegExp only for bounded patterns", () => {
    expect(compileRegexInfo("\\s[a-f0-9]{64}\\s[a-f0-9]{16}", {}).engine).toBe("native");
    expect(compileRegexInfo("https?://[0-9]{1,3}\\.[0-9]{1,3}", {}).engine).toBe("native");
    expect(compileRegexInfo("a\\s*b", {}).engine).toBe("re2");
    expect(compileRegexInfo("(ab){1,3}", {}).engine).toBe("native");
    expect(compileRegexInfo("(a|ab){1,20}", {}).engine).toBe("re2");
    expect(compileRegexInfo("-k\\s\\w{1,64}(?:\\s?(?:-p|-s))?", {}).engine).toBe("native");
    expect(compileRegexInfo("(?i)abc", {}).engine).toBe("glob");
    expect(compileRegexInfo("(?i)a\\s*b", {}).engine).toBe("re2");
    expect(compileRegexInfo("[[:alpha:]]x", {}).engine).toBe("re2");
    expect(compileRegexInfo("\\Aabc\\z", {}).engine).toBe("re2");
    expect(backtrackBound(parseRegex("[a-z]{1,32}\\.[a-z]{1,6}").root)).toBe(32 * 6);
    expect(backtrackBound(parseRegex("a+").root)).toBe(Number.POSITIVE_INFINITY);
  });

  it("native and re2 agree (RE2 semantics for \\s and .)", () => {
    const patterns = [
      "net\\s+user",
      "\\s-[FTd]\\s",
      "^[Cc]:\\\\.{1,9}\\.exe",
      "a.b",
      "x\\sy",
      "(^|/)\\.[^./]",
      "[0-9]{1,3}\\.[0-9]{1,3}",
      "^[A-Za-z0-9]{16}$",
    ];
    const inputs = [
      "net  user x",
      " -F ",
      "C:\\abc.exe",
      "a\rb",
      "a\nb",
      "x\u00a0y",
      "x y",
      "/.git",
      "1.22",
      "abcdefghijklmnop",
      "",
    ];
    for (const p of patterns) {
      const ours = compileRegexInfo(p, {});
      const ref = RE2JS.compile(p);
      for (const s of inputs) expect([p, s, ours.test(s)]).toEqual([p, s, ref.test(s)]);
    }
  });

  it("skips values shorter than the minimum match", () => {
    expect(minLength(parseRegex("(.){200,}").root)).toBe(200);
    expect(minLength(parseRegex("ab|c").root)).toBe(1);
    expect(compileRegexInfo("(.){200,}", {}).test("x".repeat(199))).toBe(false);
    expect(compileRegexInfo("(.){200,}", {}).test("x".repeat(200))).toBe(true);
  });

  it("finds literal text every match needs", () => {
    expect(regexNeedles("\\$VerbosePreference\\.ToString\\(")).toEqual([
      "$verbosepreference.tostring(",
    ]);
    expect(regexNeedles("(ipfs\\.io/|ipfs\\.io\\s).+@")).toEqual(["ipfs.io/", "ipfs.io"]);
    expect(regexNeedles("[a-z]+")).toBeNull();
    expect(regexNeedles("abc|[0-9]")).toBeNull();
    expect(regexNeedles("ab?c")).toEqual(["a"]);
    expect(regexNeedles("(?i)powershell")).toEqual(["powershell"]);
  });
});

describe("cidr", () => {
  it("parses IPv4, IPv6 and mapped addresses", () => {
    expect(parseIp("10.0.0.1")).toEqual([0, 0, 0, 0, 0, 0xffff, 0x0a00, 0x0001]);
    expect(parseIp("::1")).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    expect(parseIp("2001:db8::8a2e:370:7334")).toEqual([
      0x2001, 0xdb8, 0, 0, 0, 0x8a2e, 0x370, 0x7334,
    ]);
    expect(parseIp("::ffff:192.168.0.1")).toEqual(parseIp("192.168.0.1"));
    expect(parseIp("256.1.1.1")).toBeNull();
    expect(parseIp("1:2:3")).toBeNull();
    expect(parseIp("fe80::1%eth0")).toEqual([0xfe80, 0, 0, 0, 0, 0, 0, 1]);
  });

  it("checks membership", () => {
    const v4 = parseCidr("172.16.0.0/12");
    expect(inCidr(parseIp("172.31.255.255") as number[], v4)).toBe(true);
    expect(inCidr(parseIp("172.32.0.0") as number[], v4)).toBe(false);
    const v6 = parseCidr("fc00::/7");
    expect(inCidr(parseIp("fd12:3456::1") as number[], v6)).toBe(true);
    expect(inCidr(parseIp("fe00::1") as number[], v6)).toBe(false);
    expect(inCidr(parseIp("1.2.3.4") as number[], parseCidr("0.0.0.0/0"))).toBe(true);
    expect(() => parseCidr("10.0.0.0/8/1")).toThrow();
  });
});

describe("regex shortcuts", () => {
  it("runs literal-and-dot-star regexes as globs, with RE2 results", () => {
    const cases: [string, { i?: boolean; s?: boolean }][] = [
      ["\\+.*\\+.*\\+", {}],
      ["`.*`.*`", {}],
      ["^abc.*def$", {}],
      ["(?i)^ab.+c", {}],
      ["a.*c", { i: true }],
      ["x.*y", { s: true }],
    ];
    const inputs = [
      "a+b+c+d",
      "a+b",
      "`a`b`",
      "abcXXdef",
      "abcdef\n",
      "ABxC",
      "abc",
      "aXc",
      "x\ny",
      "x y",
      "+\n+\n+",
      "",
    ];
    for (const [p, f] of cases) {
      const ours = compileRegexInfo(p, f);
      expect(ours.engine).toBe("glob");
      let flags = 0;
      if (f.i) flags |= RE2JS.CASE_INSENSITIVE;
      if (f.s) flags |= RE2JS.DOTALL;
      const ref = RE2JS.compile(p, flags);
      for (const s of inputs) expect([p, s, ours.test(s)]).toEqual([p, s, ref.test(s)]);
    }
  });

  it("checks every literal a regex needs before running re2js", () => {
    const re = compileRegexInfo("\\s-\\s*<", {});
    expect(re.engine).toBe("re2");
    expect(re.test("powershell - < script.ps1")).toBe(true);
    expect(re.test("powershell -NoProfile -Command x")).toBe(false);
  });
});
