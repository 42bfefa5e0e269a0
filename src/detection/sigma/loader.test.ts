import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadRules, SigmaEngine } from "./index.js";

const dir = mkdtempSync(join(tmpdir(), "sigma-loader-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(rel: string, text: string): string {
  const p = join(dir, rel);
  mkdirSync(join(p, ".."), { recursive: true });
  writeFileSync(p, text);
  return p;
}

const GOOD = (id: string) => `title: good ${id}
id: ${id}
logsource: {product: test}
detection:
    sel: {a: '${id}'}
    condition: sel
`;

describe("loadRules", () => {
  it("walks folders recursively, .yml and .yaml, in a stable order", () => {
    write("tree/b/two.yaml", GOOD("two"));
    write("tree/a/one.yml", GOOD("one"));
    write("tree/a/notes.txt", "not a rule");
    const set = loadRules([join(dir, "tree")]);
    expect(set.failures).toEqual([]);
    expect(set.rules.map((r) => r.id)).toEqual(["one", "two"]);
    expect(new SigmaEngine(set).match({ a: "two" }).map((m) => m.rule.id)).toEqual(["two"]);
  });

  it("reports each broken document with file, line and column, and loads the rest", () => {
    const file = write(
      "broken/mixed.yml",
      `${GOOD("ok1")}---
title: bad modifier
logsource: {product: test}
detection:
    sel:
        Image|endswithh: x
    condition: sel
---
title: bad condition
logsource: {product: test}
detection:
    sel: {a: 1}
    condition: sel and (other
---
${GOOD("ok2")}`,
    );
    write("broken/yaml.yml", "title: x\ndetection:\n  sel: [a, b\n  condition: sel\n");
    write("broken/notsigma.yml", "action: global\ntitle: old style\n");
    write(
      "broken/nodetection.yml",
      "title: x\nlogsource: {product: test}\ndetection:\n    condition: sel\n",
    );
    const set = loadRules([join(dir, "broken"), join(dir, "missing")]);
    expect(set.rules.map((r) => r.id).sort()).toEqual(["ok1", "ok2"]);
    const byFile = set.failures
      .map((f) => [f.file.slice(dir.length + 1), f.reason])
      .sort((a, b) => `${a[0]}${a[1]}`.localeCompare(`${b[0]}${b[1]}`));
    expect(byFile).toEqual([
      [
        "broken/mixed.yml",
        expect.stringMatching(
          /^line 12, column 9: detection\.sel\.Image\|endswithh: unknown modifier 'endswithh'/,
        ),
      ],
      [
        "broken/mixed.yml",
        expect.stringMatching(
          /^line 19, column 5: detection\.condition: .*missing '\)' at column 15/,
        ),
      ],
      ["broken/nodetection.yml", expect.stringMatching(/unknown search identifier 'sel'/)],
      [
        "broken/notsigma.yml",
        expect.stringMatching(
          /line 1, column 1: .*not a Sigma rule.*'action: global' is Sigma 1 syntax/,
        ),
      ],
      ["broken/yaml.yml", expect.stringMatching(/^line 4, column 3: invalid YAML: Flow sequence/)],
      ["missing", expect.stringMatching(/cannot read: ENOENT/)],
    ]);
    const modifier = set.failures.find((f) => f.reason.includes("endswithh"));
    expect(modifier).toMatchObject({ file, line: 12, column: 9 });
  });

  it("requires a title and a logsource", () => {
    write(
      "meta/notitle.yml",
      "logsource: {product: test}\ndetection:\n    sel: {a: 1}\n    condition: sel\n",
    );
    write("meta/nologsource.yml", "title: t\ndetection:\n    sel: {a: 1}\n    condition: sel\n");
    const set = loadRules([join(dir, "meta")]);
    expect(set.failures.map((f) => f.reason)).toEqual([
      expect.stringMatching(/missing 'logsource'/),
      expect.stringMatching(/missing 'title'/),
    ]);
  });

  it("keeps rule metadata", () => {
    write(
      "meta2/full.yml",
      `title: Full
id: 929a690e-bef0-4204-a928-ef5e620d6fcc
name: full_rule
status: test
description: d
author: me
references: [https://example.org]
tags: [attack.t1059]
falsepositives: [admins]
fields: [CommandLine]
level: HIGH
logsource: {product: Windows, category: Process_Creation}
detection:
    sel: {a: 1}
    condition: sel
`,
    );
    const [r] = loadRules([join(dir, "meta2")]).rules;
    expect(r).toMatchObject({
      id: "929a690e-bef0-4204-a928-ef5e620d6fcc",
      name: "full_rule",
      title: "Full",
      level: "high",
      status: "test",
      tags: ["attack.t1059"],
      references: ["https://example.org"],
      falsepositives: ["admins"],
      fields: ["CommandLine"],
      logsource: { product: "windows", category: "process_creation" },
    });
  });
});
