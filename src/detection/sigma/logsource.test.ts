import { describe, expect, it } from "vitest";
import { flattenEvent } from "../events/flatten.js";
import { compileRules, defaultMapping, LogsourceClassifier, SigmaEngine } from "./index.js";

const classifier = new LogsourceClassifier();
const classify = (raw: Record<string, unknown>) => {
  const c = classifier.classify(flattenEvent(raw));
  return { product: c.product, category: c.category, service: c.service };
};

const win = (channel: string, id: number, data: Record<string, unknown> = {}) => ({
  Event: { System: { Channel: channel, EventID: id }, EventData: data },
});
const SYSMON = "Microsoft-Windows-Sysmon/Operational";

describe("logsource classification", () => {
  it("maps Sysmon event ids to categories", () => {
    expect(classify(win(SYSMON, 1))).toEqual({
      product: ["windows"],
      category: ["process_creation"],
      service: ["sysmon"],
    });
    expect(classify(win(SYSMON, 3)).category).toEqual(["network_connection"]);
    expect(classify(win(SYSMON, 7)).category).toEqual(["image_load"]);
    expect(classify(win(SYSMON, 11)).category).toEqual(["file_event"]);
    expect(classify(win(SYSMON, 13)).category).toEqual(["registry_event", "registry_set"]);
    expect(classify(win(SYSMON, 12, { EventType: "CreateKey" })).category).toEqual([
      "registry_event",
      "registry_add",
    ]);
    expect(classify(win(SYSMON, 12, { EventType: "DeleteValue" })).category).toEqual([
      "registry_event",
      "registry_delete",
    ]);
    expect(classify(win(SYSMON, 22)).category).toEqual(["dns_query"]);
    expect(classify(win(SYSMON, 23)).category).toEqual(["file_delete"]);
    expect(classify(win(SYSMON, 26)).category).toEqual(["file_delete", "file_delete_detected"]);
  });

  it("maps channels to services, and PowerShell / Defender event ids", () => {
    expect(classify(win("Security", 4624))).toEqual({
      product: ["windows"],
      category: [],
      service: ["security"],
    });
    expect(classify(win("Microsoft-Windows-PowerShell/Operational", 4104)).category).toEqual([
      "ps_script",
    ]);
    expect(classify(win("PowerShellCore/Operational", 4103)).category).toEqual(["ps_module"]);
    expect(classify(win("Windows PowerShell", 400))).toEqual({
      product: ["windows"],
      category: ["ps_classic_start"],
      service: ["powershell-classic"],
    });
    expect(classify(win("Microsoft-Windows-Windows Defender/Operational", 1116)).category).toEqual([
      "antivirus",
    ]);
    expect(classify(win("Microsoft-Windows-TaskScheduler/Operational", 106)).service).toEqual([
      "taskscheduler",
    ]);
    expect(classify(win("Linux-Sysmon/Operational", 1)).product).toEqual(["linux"]);
    // An unknown channel is still Windows, with no service or category.
    expect(classify(win("Some-Vendor/Admin", 1))).toEqual({
      product: ["windows"],
      category: [],
      service: [],
    });
  });

  it("falls back on the provider when the channel is missing", () => {
    const ev = {
      Event: {
        System: { Provider: { "#attributes": { Name: "Microsoft-Windows-Sysmon" } }, EventID: 1 },
      },
    };
    expect(classify(ev).category).toEqual(["process_creation"]);
  });

  it("classifies ECS events", () => {
    const ecs = {
      event: { category: ["process"], type: ["start"] },
      host: { os: { type: "windows" } },
    };
    expect(classify(ecs)).toEqual({
      product: ["windows"],
      category: ["process_creation"],
      service: null,
    });
    expect(classify({ event: { category: "network" }, dns: { question: { name: "x" } } })).toEqual({
      product: null,
      category: ["network_connection", "network", "dns_query", "dns"],
      service: ["dns"],
    });
  });

  it("recognises cloud audit events by shape", () => {
    expect(classify({ eventSource: "iam.amazonaws.com", eventName: "CreateUser" })).toEqual({
      product: ["aws"],
      category: [],
      service: ["cloudtrail"],
    });
  });

  it("leaves unknown events unknown", () => {
    expect(classify({ msg: "hello" })).toEqual({ product: null, category: null, service: null });
  });
});

const RULE = (logsource: string, detection = "Image|endswith: '\\whoami.exe'") => ({
  file: "r.yml",
  text: `title: t\nid: r\nlogsource: ${logsource}\ndetection:\n    sel:\n        ${detection}\n    condition: sel\n`,
});

describe("rules only see events of their logsource", () => {
  const proc = (channel: string, id: number, data: Record<string, unknown>) =>
    win(channel, id, data);

  it("process_creation rules apply to Sysmon 1 and Security 4688 (with renamed fields)", () => {
    const set = compileRules([RULE("{category: process_creation, product: windows}")]);
    const engine = new SigmaEngine(set);
    expect(engine.match(proc(SYSMON, 1, { Image: "C:\\x\\whoami.exe" }))).toHaveLength(1);
    expect(
      engine.match(proc("Security", 4688, { NewProcessName: "C:\\x\\whoami.exe" })),
    ).toHaveLength(1);
    expect(engine.match(proc(SYSMON, 11, { Image: "C:\\x\\whoami.exe" }))).toEqual([]);
    expect(engine.match(proc("Security", 4624, { Image: "C:\\x\\whoami.exe" }))).toEqual([]);
  });

  it("derives Sysmon-style fields for Security 4688", () => {
    const f = flattenEvent(
      proc("Security", 4688, {
        NewProcessName: "C:\\a.exe",
        ParentProcessName: "C:\\p.exe",
        SubjectUserName: "bob",
        SubjectDomainName: "CORP",
        MandatoryLabel: "S-1-16-12288",
        ProcessId: "0x10",
      }),
    );
    const c = classifier.classify(f);
    const engineFields = { ...f };
    for (const m of c.fieldMaps)
      for (const [k, v] of Object.entries(m))
        if (engineFields[k] === undefined) engineFields[k] = typeof v === "function" ? v(f) : f[v];
    expect(engineFields).toMatchObject({
      Image: "C:\\a.exe",
      ParentImage: "C:\\p.exe",
      User: "CORP\\bob",
      IntegrityLevel: "High",
      ParentProcessId: "0x10",
    });
  });

  it("service rules and product-only rules", () => {
    const sec = new SigmaEngine(
      compileRules([RULE("{product: windows, service: security}", "EventID: 4624")]),
    );
    expect(sec.match(win("Security", 4624))).toHaveLength(1);
    expect(sec.match(win("System", 4624))).toEqual([]);
    const any = new SigmaEngine(compileRules([RULE("{product: windows}", "EventID: 4624")]));
    expect(any.match(win("System", 4624))).toHaveLength(1);
    expect(any.match({ EventID: 4624 })).toHaveLength(1); // unknown product: lenient
  });

  it("strict matching and a forced logsource", () => {
    const set = compileRules([RULE("{category: process_creation, product: windows}")]);
    const flat = { Image: "C:\\whoami.exe" };
    expect(new SigmaEngine(set).match(flat)).toHaveLength(1);
    expect(new SigmaEngine(set, { strictLogsource: true }).match(flat)).toEqual([]);
    const forced = new SigmaEngine(set, {
      strictLogsource: true,
      logsource: { product: "windows", category: "process_creation" },
    });
    expect(forced.match(flat)).toHaveLength(1);
    const other = new SigmaEngine(set, {
      logsource: { product: "linux", category: "process_creation" },
    });
    expect(other.match(flat)).toEqual([]);
  });

  it("ECS events resolve Sigma field names through the mapping", () => {
    const set = compileRules([
      RULE("{category: process_creation, product: windows}", "CommandLine|contains: 'whoami /all'"),
    ]);
    const ecs = {
      event: { category: ["process"], type: ["start"] },
      host: { os: { type: "windows" } },
      process: { executable: "C:\\Windows\\System32\\whoami.exe", command_line: "whoami /all" },
    };
    expect(new SigmaEngine(set).match(ecs)).toHaveLength(1);
  });

  it("the mapping is configurable", () => {
    const mapping = defaultMapping();
    mapping.sources.push({
      name: "my-proxy",
      when: { vendor: ["acme-proxy"] },
      logsource: { category: ["proxy"] },
      complete: true,
      fields: { "c-uri": "url" },
    });
    const set = compileRules([RULE("{category: proxy}", "c-uri|contains: '/evil'")]);
    const engine = new SigmaEngine(set, { mapping, strictLogsource: true });
    expect(engine.match({ vendor: "acme-proxy", url: "http://x/evil" })).toHaveLength(1);
    expect(engine.match({ vendor: "other", url: "http://x/evil" })).toEqual([]);
  });
});
