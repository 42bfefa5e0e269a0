import { describe, expect, it } from "vitest";
import { parseTime } from "./event-time.js";
import { flattenEvent } from "./flatten.js";
import { isNormalizedEvent, normalizeEvent } from "./normalize.js";

const EVTX = {
  Event: {
    "#attributes": { xmlns: "http://schemas.microsoft.com/win/2004/08/events/event" },
    System: {
      Provider: { "#attributes": { Name: "Microsoft-Windows-Sysmon", Guid: "5770385F" } },
      EventID: 1,
      TimeCreated: { "#attributes": { SystemTime: "2025-10-25T13:44:33.440907Z" } },
      EventRecordID: 8999629,
      Correlation: null,
      Execution: { "#attributes": { ProcessID: 3308, ThreadID: 4008 } },
      Channel: "Microsoft-Windows-Sysmon/Operational",
      Computer: "ar-win-dc.attackrange.local",
      Security: { "#attributes": { UserID: "S-1-5-18" } },
    },
    EventData: {
      ProcessId: 7112,
      Image: "C:\\Windows\\System32\\reg.exe",
      CommandLine: "reg query HKLM",
      User: "ATTACKRANGE\\Administrator",
      SourceIp: "10.0.0.5",
      DestinationIp: "10.0.0.9",
    },
  },
};

describe("flattening", () => {
  it("flattens Windows event JSON to Sigma field names", () => {
    expect(flattenEvent(EVTX)).toMatchObject({
      EventID: 1,
      Channel: "Microsoft-Windows-Sysmon/Operational",
      Computer: "ar-win-dc.attackrange.local",
      Provider_Name: "Microsoft-Windows-Sysmon",
      Provider_Guid: "5770385F",
      TimeCreated_SystemTime: "2025-10-25T13:44:33.440907Z",
      Execution_ProcessID: 3308,
      Security_UserID: "S-1-5-18",
      EventRecordID: 8999629,
      Correlation: null,
      Image: "C:\\Windows\\System32\\reg.exe",
      CommandLine: "reg query HKLM",
    });
  });

  it("handles EventID with qualifiers, XML-style Data lists, unnamed Data and UserData", () => {
    const f = flattenEvent({
      Event: {
        System: {
          EventID: { "#attributes": { Qualifiers: 16384 }, "#text": 7045 },
          Channel: "System",
        },
        EventData: {
          Data: [
            { "#attributes": { Name: "ServiceName" }, "#text": "evil" },
            { "#attributes": { Name: "Image Path" }, "#text": "C:\\evil.exe" },
          ],
        },
      },
    });
    expect(f).toMatchObject({
      EventID: 7045,
      EventID_Qualifiers: 16384,
      ServiceName: "evil",
      "Image Path": "C:\\evil.exe",
      ImagePath: "C:\\evil.exe",
    });
    const classic = flattenEvent({
      Event: {
        System: { EventID: 400, Channel: "Windows PowerShell" },
        EventData: { Data: { "#text": ["Available", "HostName=ConsoleHost"] } },
      },
    });
    expect(classic.Data).toEqual(["Available", "HostName=ConsoleHost"]);
    const user = flattenEvent({
      Event: {
        System: { EventID: 1102, Channel: "Security" },
        UserData: { LogFileCleared: { "#attributes": { xmlns: "x" }, SubjectUserName: "bob" } },
      },
    });
    expect(user).toMatchObject({ EventID: 1102, SubjectUserName: "bob" });
  });

  it("flattens nested ECS objects to dotted names, arrays of objects to arrays", () => {
    expect(
      flattenEvent({
        "@timestamp": "2024-01-01T00:00:00Z",
        process: { command_line: "x", parent: { executable: "p" } },
        dns: { answers: [{ data: "1.1.1.1" }, { data: "8.8.8.8" }] },
        tags: ["a", "b"],
        "already.flat": 1,
      }),
    ).toEqual({
      "@timestamp": "2024-01-01T00:00:00Z",
      "process.command_line": "x",
      "process.parent.executable": "p",
      "dns.answers.data": ["1.1.1.1", "8.8.8.8"],
      tags: ["a", "b"],
      "already.flat": 1,
    });
  });

  it("maps Winlogbeat events to Windows names", () => {
    const f = flattenEvent({
      winlog: {
        channel: "Security",
        event_id: "4624",
        provider_name: "Microsoft-Windows-Security-Auditing",
        computer_name: "dc01",
        event_data: { TargetUserName: "bob", LogonType: "3" },
      },
    });
    expect(f).toMatchObject({
      Channel: "Security",
      EventID: 4624,
      Provider_Name: "Microsoft-Windows-Security-Auditing",
      Computer: "dc01",
      TargetUserName: "bob",
      LogonType: "3",
    });
  });

  it("wraps non-objects", () => {
    expect(flattenEvent("text")).toEqual({ value: "text" });
  });
});

describe("normalisation", () => {
  it("extracts time and entities from a Windows event", () => {
    const n = normalizeEvent(EVTX);
    expect(isNormalizedEvent(n)).toBe(true);
    expect(isNormalizedEvent({ fields: {} })).toBe(false);
    expect(n.time).toBe(Date.parse("2025-10-25T13:44:33.440Z"));
    expect(n.entities).toEqual({
      host: "ar-win-dc.attackrange.local",
      user: "ATTACKRANGE\\Administrator",
      source_ip: "10.0.0.5",
      destination_ip: "10.0.0.9",
      process: {
        image: "C:\\Windows\\System32\\reg.exe",
        pid: 7112,
        command_line: "reg query HKLM",
      },
    });
  });

  it("extracts entities from ECS", () => {
    const n = normalizeEvent({
      "@timestamp": "2024-05-01T10:00:00.123Z",
      host: { name: "web01" },
      user: { name: "alice", domain: "CORP" },
      source: { ip: "203.0.113.7" },
      process: { executable: "/usr/bin/curl", pid: 42 },
    });
    expect(n.time).toBe(Date.parse("2024-05-01T10:00:00.123Z"));
    expect(n.entities).toEqual({
      host: "web01",
      user: "CORP\\alice",
      source_ip: "203.0.113.7",
      process: { image: "/usr/bin/curl", pid: 42 },
    });
  });

  it("parses the time formats events use", () => {
    expect(parseTime("2025-10-24 23:34:34.634")).toBe(Date.parse("2025-10-24T23:34:34.634Z"));
    expect(parseTime("2025-10-24T23:34:34.640670Z")).toBe(Date.parse("2025-10-24T23:34:34.640Z"));
    expect(parseTime("2024-01-01T01:00:00+01:00")).toBe(Date.parse("2024-01-01T00:00:00Z"));
    expect(parseTime(1_700_000_000)).toBe(1_700_000_000_000);
    expect(parseTime("1700000000123")).toBe(1_700_000_000_123);
    expect(parseTime("yesterday")).toBeUndefined();
  });
});
