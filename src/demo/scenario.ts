import { declareFromAlerts } from "../detection/alert.service.js";
import { ingestEvents } from "../detection/ingest.service.js";
import type { Actor } from "../domain/actor.js";
import * as actions from "../postincident/action-item.service.js";
import { recordLessons } from "../postincident/lessons.service.js";
import * as rca from "../postincident/rca.service.js";
import { generateReport } from "../reports/report.service.js";
import {
  acknowledgeIncident,
  classifyIncident,
  declareIncident,
} from "../response/incident.service.js";
import type { Incident } from "../response/incident.types.js";
import { addIndicators } from "../response/indicator.service.js";
import { advancePhase, closeIncident } from "../response/phase.service.js";
import { updateTask } from "../response/task.service.js";
import { addNote } from "../response/timeline.service.js";
import type { Runtime } from "../runtime.js";
import { postIncidentDeps } from "../store/postincident.wiring.js";

/** What `loadDemo` did. */
export interface DemoSummary {
  /** False when the demo was already loaded (nothing was changed). */
  loaded: boolean;
  message: string;
  events: number;
  alerts: number;
  incidents: { id: string; human_id: string; title: string; phase: string }[];
  report?: { id: string; kind: string; format: string; version: number };
}

/** The demo acts as an admin-capable person, as the CLI's local operator does. */
const DEMO: Actor = { kind: "person", id: "demo", name: "Firebreak demo", admin: true };
const SOURCE = "firebreak-demo";
export const DEMO_PHISHING_TITLE = "Demo: phishing macro on WS-0142 (alice.moreau)";

/** [minutes before now, host, user, image, parent image, command line]: Sysmon event id 1. */
type Row = [number, string, string, string, string, string];

const SYS = "C:\\Windows\\System32\\";
const PS = `${SYS}WindowsPowerShell\\v1.0\\powershell.exe`;
const WORD = "C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE";
const OUTLOOK = "C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE";
const EXPLORER = "C:\\Windows\\explorer.exe";
const CHROME = "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe";
const ALICE = "CORP\\alice.moreau";
const SVC = "CORP\\svc-backup";
const BOB = "CORP\\bob.lindgren";

/** The phishing story on WS-0142: a macro document starts encoded PowerShell. */
const PHISHING: Row[] = [
  [190, "WS-0142", ALICE, OUTLOOK, EXPLORER, `"${OUTLOOK}"`],
  [
    186,
    "WS-0142",
    ALICE,
    WORD,
    OUTLOOK,
    `"${WORD}" /n "C:\\Users\\alice.moreau\\AppData\\Local\\Microsoft\\Windows\\INetCache\\Content.Outlook\\Q4R7\\Invoice_88231.docm" /o ""`,
  ],
  [
    185,
    "WS-0142",
    ALICE,
    PS,
    WORD,
    "powershell.exe -NoP -W Hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAAuAFcAZQBiAEMAbABpAGUAbgB0ACkA",
  ],
  [185, "WS-0142", ALICE, `${SYS}whoami.exe`, PS, "whoami.exe /all"],
  [184, "WS-0142", ALICE, `${SYS}net.exe`, PS, 'net.exe group "Domain Admins" /domain'],
  [184, "WS-0142", ALICE, `${SYS}nltest.exe`, PS, "nltest.exe /dclist:corp.example"],
  [183, "WS-0142", ALICE, `${SYS}ipconfig.exe`, PS, "ipconfig.exe /all"],
  [
    182,
    "WS-0142",
    ALICE,
    `${SYS}schtasks.exe`,
    PS,
    'schtasks.exe /create /sc minute /mo 30 /tn "OneDrive Sync Helper" /tr "C:\\Users\\alice.moreau\\AppData\\Roaming\\odsync.exe"',
  ],
  [
    180,
    "WS-0142",
    ALICE,
    PS,
    `${SYS}svchost.exe`,
    "powershell.exe -ExecutionPolicy Bypass -EncodedCommand JABjAD0ATgBlAHcALQBPAGIAagBlAGMAdAAgAFMAeQBzAHQAZQBtAC4ATgBlAHQALgBTAG8AYwBrAGUAdABzAA==",
  ],
  [170, "WS-0142", ALICE, CHROME, EXPLORER, `"${CHROME}" https://intranet.corp.example/`],
  [
    160,
    "WS-0142",
    ALICE,
    `${SYS}notepad.exe`,
    EXPLORER,
    "notepad.exe C:\\Users\\alice.moreau\\todo.txt",
  ],
  [
    150,
    "WS-0142",
    ALICE,
    "C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE",
    EXPLORER,
    "EXCEL.EXE Budget-2027.xlsx",
  ],
  [120, "WS-0142", ALICE, `${SYS}taskmgr.exe`, EXPLORER, "taskmgr.exe /7"],
];

/** Routine activity elsewhere: no rule should fire. */
const BACKGROUND: Row[] = [
  [240, "WS-0311", BOB, CHROME, EXPLORER, `"${CHROME}"`],
  [235, "WS-0311", BOB, OUTLOOK, EXPLORER, `"${OUTLOOK}"`],
  [
    230,
    "WS-0311",
    BOB,
    `${SYS}notepad.exe`,
    EXPLORER,
    "notepad.exe C:\\Users\\bob.lindgren\\minutes.txt",
  ],
  [225, "WS-0311", BOB, `${SYS}cmd.exe`, EXPLORER, "cmd.exe /c ping -n 1 fs01.corp.example"],
  [220, "WS-0311", BOB, `${SYS}mstsc.exe`, EXPLORER, "mstsc.exe /v:JUMP01"],
  [
    210,
    "DC01",
    "NT AUTHORITY\\SYSTEM",
    `${SYS}svchost.exe`,
    `${SYS}services.exe`,
    "svchost.exe -k netsvcs -p",
  ],
  [
    205,
    "DC01",
    "NT AUTHORITY\\SYSTEM",
    `${SYS}wbem\\WmiPrvSE.exe`,
    `${SYS}svchost.exe`,
    "WmiPrvSE.exe -Embedding",
  ],
  [200, "DC01", "CORP\\adm-kenji", `${SYS}dsa.msc`, EXPLORER, "mmc.exe dsa.msc"],
  [195, "WS-0311", BOB, `${SYS}gpupdate.exe`, `${SYS}cmd.exe`, "gpupdate.exe /force"],
  [150, "JUMP01", "CORP\\adm-kenji", `${SYS}mstsc.exe`, EXPLORER, "mstsc.exe /v:DC01"],
  [140, "WS-0311", BOB, CHROME, EXPLORER, `"${CHROME}" https://mail.corp.example/`],
  [100, "WS-0311", BOB, `${SYS}calc.exe`, EXPLORER, "calc.exe"],
  [90, "DC01", "NT AUTHORITY\\SYSTEM", `${SYS}taskhostw.exe`, `${SYS}svchost.exe`, "taskhostw.exe"],
  [60, "WS-0311", BOB, `${SYS}notepad.exe`, EXPLORER, "notepad.exe report.txt"],
  [30, "JUMP01", "CORP\\adm-kenji", PS, EXPLORER, "powershell.exe Get-ADUser -Filter *"],
  [20, "WS-0311", BOB, `${SYS}SnippingTool.exe`, EXPLORER, "SnippingTool.exe"],
];

/** The ransomware story on FS01, a day and a half earlier: inhibit recovery, then encrypt. */
const RANSOMWARE: Row[] = [
  [
    2200,
    "FS01",
    SVC,
    `${SYS}cmd.exe`,
    `${SYS}services.exe`,
    "cmd.exe /c C:\\ProgramData\\upd\\run.bat",
  ],
  [2199, "FS01", SVC, `${SYS}net.exe`, `${SYS}cmd.exe`, 'net.exe stop "Veeam Backup Service" /y'],
  [2199, "FS01", SVC, `${SYS}net.exe`, `${SYS}cmd.exe`, "net.exe stop MSSQLSERVER /y"],
  [2198, "FS01", SVC, `${SYS}taskkill.exe`, `${SYS}cmd.exe`, "taskkill.exe /F /IM sqlservr.exe"],
  [
    2197,
    "FS01",
    SVC,
    `${SYS}vssadmin.exe`,
    `${SYS}cmd.exe`,
    "vssadmin.exe delete shadows /all /quiet",
  ],
  [2197, "FS01", SVC, `${SYS}wbem\\WMIC.exe`, `${SYS}cmd.exe`, "wmic.exe shadowcopy delete"],
  [
    2196,
    "FS01",
    SVC,
    `${SYS}bcdedit.exe`,
    `${SYS}cmd.exe`,
    "bcdedit.exe /set {default} recoveryenabled No",
  ],
  [
    2196,
    "FS01",
    SVC,
    `${SYS}bcdedit.exe`,
    `${SYS}cmd.exe`,
    "bcdedit.exe /set {default} bootstatuspolicy ignoreallfailures",
  ],
  [2195, "FS01", SVC, `${SYS}wbadmin.exe`, `${SYS}cmd.exe`, "wbadmin.exe delete catalog -quiet"],
  [
    2194,
    "FS01",
    SVC,
    "C:\\ProgramData\\upd\\locker.exe",
    `${SYS}cmd.exe`,
    "locker.exe -path \\\\FS01\\shares -threads 16",
  ],
  [
    2190,
    "FS01",
    SVC,
    `${SYS}notepad.exe`,
    "C:\\ProgramData\\upd\\locker.exe",
    "notepad.exe D:\\shares\\README_RESTORE_FILES.txt",
  ],
  [2185, "FS01", SVC, `${SYS}wevtutil.exe`, `${SYS}cmd.exe`, "wevtutil.exe cl Security"],
  [
    2150,
    "FS01",
    "NT AUTHORITY\\SYSTEM",
    `${SYS}svchost.exe`,
    `${SYS}services.exe`,
    "svchost.exe -k LocalService",
  ],
  [2100, "FS01", "CORP\\adm-tomas", `${SYS}cmd.exe`, EXPLORER, "cmd.exe /c dir D:\\shares /s"],
  [
    2090,
    "FS01",
    "CORP\\adm-tomas",
    `${SYS}netsh.exe`,
    `${SYS}cmd.exe`,
    "netsh.exe advfirewall set allprofiles state on",
  ],
  [2080, "FS01", "CORP\\adm-tomas", `${SYS}shutdown.exe`, `${SYS}cmd.exe`, "shutdown.exe /s /t 0"],
  [
    1500,
    "BKP01",
    "CORP\\adm-tomas",
    "C:\\Program Files\\Veeam\\Backup\\Veeam.Backup.Shell.exe",
    EXPLORER,
    "Veeam.Backup.Shell.exe",
  ],
  [
    1400,
    "FS02",
    "CORP\\adm-tomas",
    `${SYS}robocopy.exe`,
    `${SYS}cmd.exe`,
    "robocopy.exe \\\\BKP01\\restore D:\\shares /MIR",
  ],
  [
    1300,
    "FS02",
    "CORP\\adm-tomas",
    `${SYS}icacls.exe`,
    `${SYS}cmd.exe`,
    "icacls.exe D:\\shares /restore acl.txt",
  ],
  [1200, "FS02", "CORP\\adm-tomas", `${SYS}sc.exe`, `${SYS}cmd.exe`, "sc.exe start LanmanServer"],
];

/** A Sysmon process-creation event (event id 1) as evtx_dump writes it. */
function sysmonEvent(now: number, [ago, host, user, image, parent, commandLine]: Row, n: number) {
  const time = new Date(now - ago * 60_000 + n).toISOString();
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
        IntegrityLevel: user.startsWith("NT AUTHORITY") ? "System" : "Medium",
        ParentProcessId: 3000 + n,
        ParentImage: parent,
      },
    },
  };
}

const HOUR = 3_600_000;
const ndjson = (now: number, rows: Row[], offset: number) =>
  rows.map((r, i) => JSON.stringify(sysmonEvent(now, r, offset + i))).join("\n");

/** Completes the required tasks of the incident's current phase. */
async function doPhaseTasks(rt: Runtime, id: string, phase: string, onlyRequired = true) {
  for (const t of await rt.incidents.tasks(id))
    if (t.phase === phase && (t.required || !onlyRequired) && t.status !== "done")
      await updateTask(rt, id, t.id, { status: "done" }, DEMO);
}

async function existing(rt: Runtime): Promise<Incident | undefined> {
  const { items } = await rt.incidents.list({ q: "Demo: phishing" }, 50);
  return items.find((i) => i.title === DEMO_PHISHING_TITLE);
}

const brief = (i: Incident) => ({
  id: i.id,
  human_id: i.human_id,
  title: i.title,
  phase: i.phase,
});

/**
 * Loads a realistic scenario: Sysmon events through the real ingestion pipeline (alerts, and a
 * ransomware incident the default declaration policy declares), a phishing incident in
 * containment, and the ransomware incident worked to closed with an RCA, lessons and an
 * after-action report. Does nothing when the demo is already there.
 */
export async function loadDemo(rt: Runtime): Promise<DemoSummary> {
  const found = await existing(rt);
  if (found) {
    const alerts = await rt.detection.alerts.list({}, 1000);
    return {
      loaded: false,
      message: `the demo is already loaded (${found.human_id}); nothing changed`,
      events: 0,
      alerts: alerts.items.length,
      incidents: [brief(found)],
    };
  }
  const now = rt.clock.now().getTime();
  // The ransomware story first: the default policy declares its incident from the alerts.
  const ransomIngest = await ingestEvents(rt, {
    text: ndjson(now, RANSOMWARE, 0),
    source: SOURCE,
  });
  const phishIngest = await ingestEvents(rt, {
    text: ndjson(now, [...BACKGROUND, ...PHISHING], RANSOMWARE.length),
    source: SOURCE,
  });

  // Incident A: an analyst declares the phishing alerts waiting in triage.
  const triage = await rt.detection.alerts.list({ triage: true, q: "WS-0142" }, 100);
  const phishAlerts = triage.items.filter((a) => a.entities.host === "WS-0142").map((a) => a.id);
  const aInput = {
    type: "phishing",
    severity: "emergency",
    title: DEMO_PHISHING_TITLE,
    description:
      "alice.moreau opened Invoice_88231.docm from an external sender; Word started encoded PowerShell that reached out to a C2 server and created a scheduled task.",
  };
  let a =
    phishAlerts.length > 0
      ? await declareFromAlerts(rt, phishAlerts, aInput, DEMO)
      : await declareIncident(rt, { ...aInput, assets: ["WS-0142"] }, DEMO);
  await acknowledgeIncident(rt, a.id, DEMO);
  await addNote(
    rt,
    a.id,
    { text: "User confirms opening the attachment at 09:12; mailbox quarantined." },
    DEMO,
  );
  await addIndicators(
    rt,
    a.id,
    [
      {
        type: "domain",
        value: "invoice-portal.example.net",
        description: "phishing sender domain",
      },
      { type: "ip", value: "198.51.100.23", description: "C2 contacted by PowerShell" },
    ],
    DEMO,
  );
  await doPhaseTasks(rt, a.id, "detection");
  a = await advancePhase(rt, a.id, {}, DEMO);
  const containment = (await rt.incidents.tasks(a.id)).filter((t) => t.phase === "containment");
  for (const t of containment.slice(0, Math.ceil(containment.length / 2)))
    await updateTask(rt, a.id, t.id, { status: "done", note: "done by the demo" }, DEMO);
  await addNote(
    rt,
    a.id,
    {
      kind: "decision",
      text: "Isolate WS-0142 and reset alice.moreau's password; keep the mailbox for evidence.",
    },
    DEMO,
  );

  // Incident B: the ransomware incident, declared by the policy (or by hand if it did not).
  const declared = ransomIngest.incidents.find((o) => o.action === "declared" && o.incident_id);
  const ransomAlerts = (await rt.detection.alerts.list({ triage: true }, 100)).items
    .filter((x) => x.entities.host === "FS01")
    .map((x) => x.id);
  let b: Incident = declared?.incident_id
    ? ((await rt.incidents.get(declared.incident_id)) as Incident)
    : ransomAlerts.length > 0
      ? await declareFromAlerts(
          rt,
          ransomAlerts,
          { type: "ransomware", severity: "emergency" },
          DEMO,
        )
      : await declareIncident(
          rt,
          { title: "Files encrypted on FS01", type: "ransomware", severity: "emergency" },
          DEMO,
        );
  b = await classifyIncident(
    rt,
    b.id,
    {
      type: "ransomware",
      severity: "emergency",
      attributes: {
        personal_data: true,
        records_affected: 120000,
        individuals_affected: 48000,
        affected_services: ["file-shares", "erp"],
      },
      reason: "HR and customer exports were on the encrypted shares",
    },
    DEMO,
  );
  await acknowledgeIncident(rt, b.id, DEMO).catch(() => undefined);
  await addIndicators(
    rt,
    b.id,
    [
      { type: "ip", value: "203.0.113.77", description: "C2 server" },
      { type: "domain", value: "evil-c2.example.net", description: "C2 domain" },
      { type: "md5", value: "d41d8cd98f00b204e9800998ecf8427e", description: "locker.exe" },
    ],
    DEMO,
  );
  await addNote(
    rt,
    b.id,
    { kind: "decision", text: "Do not pay the ransom; restore from offline backups." },
    DEMO,
  );
  while (b.phase !== "post_incident") {
    await doPhaseTasks(rt, b.id, b.phase);
    b = await advancePhase(rt, b.id, {}, DEMO);
  }
  const deps = postIncidentDeps(rt);
  const analysis = await rca.startRca(
    deps,
    {
      incident: b.id,
      scope: {
        summary: "How the attacker reached FS01 and encrypted it",
        in_scope: ["FS01", "VPN"],
      },
    },
    DEMO,
  );
  const why1 = await rca.addCause(
    deps,
    analysis.id,
    { statement: "The encryptor ran with svc-backup's domain rights on FS01" },
    DEMO,
  );
  const why2 = await rca.addCause(
    deps,
    analysis.id,
    {
      parent_id: why1.cause.id,
      statement: "svc-backup's password was reused and found in a phished mailbox",
      contributing_factors: ["No tiered admin model"],
    },
    DEMO,
  );
  await rca.identifyRootCause(deps, analysis.id, { cause_id: why2.cause.id }, DEMO);
  await rca.setSolution(
    deps,
    analysis.id,
    { summary: "Managed service accounts with rotated secrets; phishing-resistant MFA" },
    DEMO,
  );
  await actions.addActionItem(
    deps,
    {
      rca: analysis.id,
      title: "Move svc-backup to a group managed service account",
      owner: "kenji-sato",
      due_at: new Date(now + 14 * 24 * HOUR).toISOString(),
    },
    DEMO,
  );
  await recordLessons(
    deps,
    b.id,
    {
      what_happened: "A reused service-account password let the attacker encrypt FS01's shares.",
      went_well: ["Offline backups were intact", "FS02 restored within a day"],
      went_poorly: ["Shadow copy deletion alerts were not seen for 40 minutes"],
      learned: ["Critical detection alerts need paging, not a dashboard"],
    },
    DEMO,
  );
  for (const t of await rt.incidents.tasks(b.id))
    if (t.phase === "remediation" && t.status !== "done" && !t.follow_up)
      await updateTask(rt, b.id, t.id, { status: "done" }, DEMO);
  await doPhaseTasks(rt, b.id, "post_incident");
  b = await closeIncident(rt, b.id, {}, DEMO);
  const report = await generateReport(deps, b.id, { kind: "after-action", format: "md" }, DEMO);

  const alerts = await rt.detection.alerts.list({}, 1000);
  a = (await rt.incidents.get(a.id)) as Incident;
  return {
    loaded: true,
    message: `demo loaded: ${a.human_id} in ${a.phase}, ${b.human_id} closed with its after-action report`,
    events: ransomIngest.accepted + phishIngest.accepted,
    alerts: alerts.items.length,
    incidents: [brief(a), brief(b)],
    report: { id: report.id, kind: report.kind, format: report.format, version: report.version },
  };
}
