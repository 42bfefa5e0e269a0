/**
 * Generated Windows events for the ingestion and latency benchmarks: Sysmon process creation
 * (1), network connection (3) and file creation (11) as evtx_dump writes them, on a few hundred
 * hosts. A small share is malicious enough for the library's rules to match.
 */

const base = Date.parse("2026-11-23T08:00:00Z");

function sysmon(id: number, host: string, i: number, data: Record<string, unknown>) {
  return {
    Event: {
      System: {
        Provider: { "#attributes": { Name: "Microsoft-Windows-Sysmon" } },
        EventID: id,
        Channel: "Microsoft-Windows-Sysmon/Operational",
        Computer: host,
        EventRecordID: i,
        TimeCreated: { "#attributes": { SystemTime: new Date(base + i * 10).toISOString() } },
      },
      EventData: data,
    },
  };
}

/** The i-th generated event; about one in `matchEvery` matches a library rule. */
export function benchEvent(i: number, matchEvery = 200): Record<string, unknown> {
  const host = `WS-${String(i % 300).padStart(4, "0")}.corp.example`;
  const user = `CORP\\user${i % 500}`;
  if (i % matchEvery === 7)
    return sysmon(1, host, i, {
      Image: "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe",
      CommandLine: `powershell.exe -NoP -W Hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAKQA${i}`,
      User: user,
      ProcessId: 1000 + (i % 9000),
      ParentImage: "C:\\Windows\\System32\\cmd.exe",
    });
  switch (i % 3) {
    case 0:
      return sysmon(1, host, i, {
        Image: "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
        CommandLine: `"chrome.exe" --type=renderer --field-trial-handle=${i} --lang=en-US`,
        User: user,
        ProcessId: 1000 + (i % 9000),
        ParentImage: "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
        Hashes: `SHA256=${(i * 2654435761).toString(16).padStart(64, "0")}`,
      });
    case 1:
      return sysmon(3, host, i, {
        Image: "C:\\Windows\\System32\\svchost.exe",
        User: "NT AUTHORITY\\NETWORK SERVICE",
        Protocol: "tcp",
        SourceIp: `10.0.${i % 250}.${(i >> 8) % 250}`,
        SourcePort: 49152 + (i % 10000),
        DestinationIp: `52.${i % 200}.${(i >> 3) % 250}.10`,
        DestinationPort: 443,
        DestinationHostname: "update.example.com",
      });
    default:
      return sysmon(11, host, i, {
        Image: "C:\\Windows\\explorer.exe",
        TargetFilename: `C:\\Users\\user${i % 500}\\Documents\\report-${i}.docx`,
        User: user,
      });
  }
}

/** `count` events from `start` as NDJSON batches of `size`. */
export function ndjsonBatches(count: number, size: number, start = 0, matchEvery = 200): Buffer[] {
  const out: Buffer[] = [];
  for (let b = 0; b < count; b += size) {
    const lines: string[] = [];
    for (let i = b; i < Math.min(count, b + size); i++)
      lines.push(JSON.stringify(benchEvent(start + i, matchEvery)));
    out.push(Buffer.from(`${lines.join("\n")}\n`));
  }
  return out;
}
