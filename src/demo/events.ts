import { createHash } from "node:crypto";

/**
 * The demo's raw telemetry: Windows events as `evtx_dump` writes them, told as stories. A row's
 * first field is the minute into its story, so a story can be played at any moment in the past.
 */

/** The `source` of every event the demo ingests. */
export const DEMO_SOURCE = "firebreak-demo";

/** [minute into the story, host, user, image, parent image, command line]: Sysmon event id 1. */
export type ProcessRow = [number, string, string, string, string, string];

const SYS = "C:\\Windows\\System32\\";
const PS = `${SYS}WindowsPowerShell\\v1.0\\powershell.exe`;
const WORD = "C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE";
const OUTLOOK = "C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE";
const EXPLORER = "C:\\Windows\\explorer.exe";
const CHROME = "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe";
const ALICE = "CORP\\alice.moreau";
const SVC = "CORP\\svc-backup";
const BOB = "CORP\\bob.lindgren";
const KENJI = "CORP\\adm-kenji";
const TOMAS = "CORP\\adm-tomas";
const SYSTEM = "NT AUTHORITY\\SYSTEM";

/** The phishing story on WS-0142: a macro document starts encoded PowerShell. */
export const PHISHING: ProcessRow[] = [
  [0, "WS-0142", ALICE, OUTLOOK, EXPLORER, `"${OUTLOOK}"`],
  [
    4,
    "WS-0142",
    ALICE,
    WORD,
    OUTLOOK,
    `"${WORD}" /n "C:\\Users\\alice.moreau\\AppData\\Local\\Microsoft\\Windows\\INetCache\\Content.Outlook\\Q4R7\\Invoice_88231.docm" /o ""`,
  ],
  [
    5,
    "WS-0142",
    ALICE,
    PS,
    WORD,
    "powershell.exe -NoP -W Hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAAuAFcAZQBiAEMAbABpAGUAbgB0ACkA",
  ],
  [5, "WS-0142", ALICE, `${SYS}whoami.exe`, PS, "whoami.exe /all"],
  [6, "WS-0142", ALICE, `${SYS}net.exe`, PS, 'net.exe group "Domain Admins" /domain'],
  [6, "WS-0142", ALICE, `${SYS}nltest.exe`, PS, "nltest.exe /dclist:corp.example"],
  [7, "WS-0142", ALICE, `${SYS}ipconfig.exe`, PS, "ipconfig.exe /all"],
  [
    8,
    "WS-0142",
    ALICE,
    `${SYS}schtasks.exe`,
    PS,
    'schtasks.exe /create /sc minute /mo 30 /tn "OneDrive Sync Helper" /tr "C:\\Users\\alice.moreau\\AppData\\Roaming\\odsync.exe"',
  ],
  [
    10,
    "WS-0142",
    ALICE,
    PS,
    `${SYS}svchost.exe`,
    "powershell.exe -ExecutionPolicy Bypass -EncodedCommand JABjAD0ATgBlAHcALQBPAGIAagBlAGMAdAAgAFMAeQBzAHQAZQBtAC4ATgBlAHQALgBTAG8AYwBrAGUAdABzAA==",
  ],
  [20, "WS-0142", ALICE, CHROME, EXPLORER, `"${CHROME}" https://intranet.corp.example/`],
  [
    30,
    "WS-0142",
    ALICE,
    `${SYS}notepad.exe`,
    EXPLORER,
    "notepad.exe C:\\Users\\alice.moreau\\todo.txt",
  ],
  [
    40,
    "WS-0142",
    ALICE,
    "C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE",
    EXPLORER,
    "EXCEL.EXE Budget-2027.xlsx",
  ],
  [70, "WS-0142", ALICE, `${SYS}taskmgr.exe`, EXPLORER, "taskmgr.exe /7"],
];

/** Routine activity elsewhere over the same four hours: no rule should fire. */
export const BACKGROUND: ProcessRow[] = [
  [0, "WS-0311", BOB, CHROME, EXPLORER, `"${CHROME}"`],
  [5, "WS-0311", BOB, OUTLOOK, EXPLORER, `"${OUTLOOK}"`],
  [
    10,
    "WS-0311",
    BOB,
    `${SYS}notepad.exe`,
    EXPLORER,
    "notepad.exe C:\\Users\\bob.lindgren\\minutes.txt",
  ],
  [15, "WS-0311", BOB, `${SYS}cmd.exe`, EXPLORER, "cmd.exe /c ping -n 1 fs01.corp.example"],
  [20, "WS-0311", BOB, `${SYS}mstsc.exe`, EXPLORER, "mstsc.exe /v:JUMP01"],
  [30, "DC01", SYSTEM, `${SYS}svchost.exe`, `${SYS}services.exe`, "svchost.exe -k netsvcs -p"],
  [35, "DC01", SYSTEM, `${SYS}wbem\\WmiPrvSE.exe`, `${SYS}svchost.exe`, "WmiPrvSE.exe -Embedding"],
  [40, "DC01", KENJI, `${SYS}dsa.msc`, EXPLORER, "mmc.exe dsa.msc"],
  [45, "WS-0311", BOB, `${SYS}gpupdate.exe`, `${SYS}cmd.exe`, "gpupdate.exe /force"],
  [90, "JUMP01", KENJI, `${SYS}mstsc.exe`, EXPLORER, "mstsc.exe /v:DC01"],
  [100, "WS-0311", BOB, CHROME, EXPLORER, `"${CHROME}" https://mail.corp.example/`],
  [140, "WS-0311", BOB, `${SYS}calc.exe`, EXPLORER, "calc.exe"],
  [150, "DC01", SYSTEM, `${SYS}taskhostw.exe`, `${SYS}svchost.exe`, "taskhostw.exe"],
  [180, "WS-0311", BOB, `${SYS}notepad.exe`, EXPLORER, "notepad.exe report.txt"],
  [210, "JUMP01", KENJI, PS, EXPLORER, "powershell.exe Get-ADUser -Filter *"],
  [220, "WS-0311", BOB, `${SYS}SnippingTool.exe`, EXPLORER, "SnippingTool.exe"],
];

/** The ransomware story on FS01: inhibit recovery, encrypt, then the responders' own work. */
export const RANSOMWARE: ProcessRow[] = [
  [
    0,
    "FS01",
    SVC,
    `${SYS}cmd.exe`,
    `${SYS}services.exe`,
    "cmd.exe /c C:\\ProgramData\\upd\\run.bat",
  ],
  [1, "FS01", SVC, `${SYS}net.exe`, `${SYS}cmd.exe`, 'net.exe stop "Veeam Backup Service" /y'],
  [1, "FS01", SVC, `${SYS}net.exe`, `${SYS}cmd.exe`, "net.exe stop MSSQLSERVER /y"],
  [2, "FS01", SVC, `${SYS}taskkill.exe`, `${SYS}cmd.exe`, "taskkill.exe /F /IM sqlservr.exe"],
  [
    3,
    "FS01",
    SVC,
    `${SYS}vssadmin.exe`,
    `${SYS}cmd.exe`,
    "vssadmin.exe delete shadows /all /quiet",
  ],
  [3, "FS01", SVC, `${SYS}wbem\\WMIC.exe`, `${SYS}cmd.exe`, "wmic.exe shadowcopy delete"],
  [
    4,
    "FS01",
    SVC,
    `${SYS}bcdedit.exe`,
    `${SYS}cmd.exe`,
    "bcdedit.exe /set {default} recoveryenabled No",
  ],
  [
    4,
    "FS01",
    SVC,
    `${SYS}bcdedit.exe`,
    `${SYS}cmd.exe`,
    "bcdedit.exe /set {default} bootstatuspolicy ignoreallfailures",
  ],
  [5, "FS01", SVC, `${SYS}wbadmin.exe`, `${SYS}cmd.exe`, "wbadmin.exe delete catalog -quiet"],
  [
    6,
    "FS01",
    SVC,
    "C:\\ProgramData\\upd\\locker.exe",
    `${SYS}cmd.exe`,
    "locker.exe -path \\\\FS01\\shares -threads 16",
  ],
  [
    10,
    "FS01",
    SVC,
    `${SYS}notepad.exe`,
    "C:\\ProgramData\\upd\\locker.exe",
    "notepad.exe D:\\shares\\README_RESTORE_FILES.txt",
  ],
  [15, "FS01", SVC, `${SYS}wevtutil.exe`, `${SYS}cmd.exe`, "wevtutil.exe cl Security"],
  [50, "FS01", SYSTEM, `${SYS}svchost.exe`, `${SYS}services.exe`, "svchost.exe -k LocalService"],
  [100, "FS01", TOMAS, `${SYS}cmd.exe`, EXPLORER, "cmd.exe /c dir D:\\shares /s"],
  [
    110,
    "FS01",
    TOMAS,
    `${SYS}netsh.exe`,
    `${SYS}cmd.exe`,
    "netsh.exe advfirewall set allprofiles state on",
  ],
  [120, "FS01", TOMAS, `${SYS}shutdown.exe`, `${SYS}cmd.exe`, "shutdown.exe /s /t 0"],
  [
    700,
    "BKP01",
    TOMAS,
    "C:\\Program Files\\Veeam\\Backup\\Veeam.Backup.Shell.exe",
    EXPLORER,
    "Veeam.Backup.Shell.exe",
  ],
  [
    800,
    "FS02",
    TOMAS,
    `${SYS}robocopy.exe`,
    `${SYS}cmd.exe`,
    "robocopy.exe \\\\BKP01\\restore D:\\shares /MIR",
  ],
  [
    900,
    "FS02",
    TOMAS,
    `${SYS}icacls.exe`,
    `${SYS}cmd.exe`,
    "icacls.exe D:\\shares /restore acl.txt",
  ],
  [1000, "FS02", TOMAS, `${SYS}sc.exe`, `${SYS}cmd.exe`, "sc.exe start LanmanServer"],
];

/**
 * What came in during the last hour and waits for an analyst: an installer on a developer's
 * machine running encoded PowerShell (likely benign), and a cleared Security log on a database
 * server. The VPN password guessing (`vpnPasswordGuessing`) joins them.
 */
export const UNTRIAGED: ProcessRow[] = [
  [
    0,
    "WS-0207",
    "CORP\\lena.vogel",
    PS,
    "C:\\Users\\lena.vogel\\Downloads\\DevToolsSetup.exe",
    "powershell.exe -NoProfile -EncodedCommand UwB0AGEAcgB0AC0AUwBlAHIAdgBpAGMAZQAgAGQAZQB2AHQAbwBvAGwAcwA=",
  ],
];

const at = (start: number, minute: number, n: number) =>
  new Date(start + minute * 60_000 + n).toISOString();

/** A Sysmon process-creation event (event id 1); `n` keeps record ids and times unique. */
function sysmonEvent(
  start: number,
  [minute, host, user, image, parent, commandLine]: ProcessRow,
  n: number,
) {
  const time = at(start, minute, n);
  return {
    Event: {
      System: {
        Provider: {
          "#attributes": {
            Name: "Microsoft-Windows-Sysmon",
            Guid: "{5770385F-C22A-43E0-BF4C-06F5698FFBD9}",
          },
        },
        EventID: 1,
        Level: 4,
        Channel: "Microsoft-Windows-Sysmon/Operational",
        Computer: host,
        TimeCreated: { "#attributes": { SystemTime: time } },
        EventRecordID: 100_000 + n,
      },
      EventData: {
        RuleName: "-",
        UtcTime: time.replace("T", " ").replace("Z", ""),
        ProcessId: 4000 + n * 7,
        Image: image,
        CommandLine: commandLine,
        CurrentDirectory: "C:\\Windows\\system32\\",
        User: user,
        IntegrityLevel: user === SYSTEM ? "System" : "Medium",
        ParentProcessId: 3000 + n,
        ParentImage: parent,
      },
    },
  };
}

/** A Security log event from `provider` at `time`. */
function securityEvent(
  host: string,
  eventId: number,
  time: string,
  body: Record<string, unknown>,
  provider = "Microsoft-Windows-Security-Auditing",
) {
  return {
    Event: {
      System: {
        Provider: { "#attributes": { Name: provider } },
        EventID: eventId,
        Channel: "Security",
        Computer: host,
        TimeCreated: { "#attributes": { SystemTime: time } },
      },
      ...body,
    },
  };
}

/** Twelve failed VPN logons (4625) for j.doe within three minutes, from one address. */
export function vpnPasswordGuessing(start: number): object[] {
  return Array.from({ length: 12 }, (_, n) =>
    securityEvent("VPN-GW-01", 4625, at(start, n * 0.25, n), {
      EventData: { TargetUserName: "j.doe", IpAddress: "192.0.2.145", LogonType: 3 },
    }),
  );
}

/** The Security log of SRV-DB-02 cleared by an administrator account (event 1102). */
export function databaseLogCleared(start: number): object[] {
  return [
    securityEvent(
      "SRV-DB-02",
      1102,
      at(start, 0, 0),
      { UserData: { LogFileCleared: { SubjectUserName: "adm-rhea" } } },
      "Microsoft-Windows-Eventlog",
    ),
  ];
}

/** The rows as NDJSON, the story starting at `start` (epoch ms); `offset` numbers the events. */
export function storyNdjson(start: number, rows: ProcessRow[], offset = 0): string {
  return rows.map((r, i) => JSON.stringify(sysmonEvent(start, r, offset + i))).join("\n");
}

/** Any events as NDJSON. */
export const ndjson = (events: object[]) => events.map((e) => JSON.stringify(e)).join("\n");

/** A SHA-256 for a fictitious evidence file, derived from its name so each load is the same. */
export const demoDigest = (name: string) => createHash("sha256").update(name).digest("hex");
