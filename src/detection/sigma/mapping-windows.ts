/**
 * Built-in Windows logsource facts (from the Sigma taxonomy appendix and SigmaHQ's documented
 * mappings): which event log channel is which Sigma `service`, which Sysmon / Security /
 * PowerShell event ids are which generic `category`, and the field renames a category needs
 * (Security 4688 calls the image `NewProcessName`, Sigma calls it `Image`).
 */
import type { FlatEvent } from "./context.js";

/** A field mapping: Sigma field name → event field name, or a function computing the value. */
export type FieldMap = Record<string, string | ((e: FlatEvent) => unknown)>;

/** Channel (lowercase) → product and Sigma service. */
export interface ChannelDef {
  service: string;
  product?: string;
}

/** A generic category derived from (service, event id, optional field values). */
export interface CategoryDef {
  category: string;
  /** The Sigma service of the channel the event comes from. */
  service: string;
  eventIds: number[];
  /** Extra conditions: field → accepted values (case-insensitive). */
  when?: Record<string, string[]>;
  fields?: FieldMap;
}

/** Configurable Windows part of a logsource mapping. */
export interface WindowsMapping {
  channels: Record<string, ChannelDef>;
  /** Provider name (lowercase) → channel (lowercase), used when an event has no Channel. */
  providers: Record<string, string>;
  categories: CategoryDef[];
}

const ch = (service: string, ...names: string[]): [string, ChannelDef][] =>
  names.map((n) => [n.toLowerCase(), { service }]);

/** Windows event log channels and their Sigma services. */
export const WINDOWS_CHANNELS: Record<string, ChannelDef> = Object.fromEntries([
  ...ch("security", "Security"),
  ...ch("system", "System"),
  ...ch("application", "Application"),
  ...ch("sysmon", "Microsoft-Windows-Sysmon/Operational"),
  ...ch("powershell", "Microsoft-Windows-PowerShell/Operational", "PowerShellCore/Operational"),
  ...ch("powershell-classic", "Windows PowerShell"),
  ...ch(
    "application-experience",
    "Microsoft-Windows-Application-Experience/Program-Telemetry",
    "Microsoft-Windows-Application-Experience/Program-Compatibility-Assistant",
  ),
  ...ch(
    "applocker",
    "Microsoft-Windows-AppLocker/MSI and Script",
    "Microsoft-Windows-AppLocker/EXE and DLL",
    "Microsoft-Windows-AppLocker/Packaged app-Deployment",
    "Microsoft-Windows-AppLocker/Packaged app-Execution",
  ),
  ...ch("appmodel-runtime", "Microsoft-Windows-AppModel-Runtime/Admin"),
  ...ch("appxdeployment-server", "Microsoft-Windows-AppXDeploymentServer/Operational"),
  ...ch("appxpackaging-om", "Microsoft-Windows-AppxPackaging/Operational"),
  ...ch("bitlocker", "Microsoft-Windows-BitLocker/BitLocker Management"),
  ...ch("bits-client", "Microsoft-Windows-Bits-Client/Operational"),
  ...ch("capi2", "Microsoft-Windows-CAPI2/Operational"),
  ...ch(
    "certificateservicesclient-lifecycle-system",
    "Microsoft-Windows-CertificateServicesClient-Lifecycle-System/Operational",
  ),
  ...ch("codeintegrity-operational", "Microsoft-Windows-CodeIntegrity/Operational"),
  ...ch("dhcp", "Microsoft-Windows-DHCP-Server/Operational"),
  ...ch("diagnosis-scripted", "Microsoft-Windows-Diagnosis-Scripted/Operational"),
  ...ch("dns-client", "Microsoft-Windows-DNS Client Events/Operational"),
  ...ch("dns-server", "DNS Server"),
  ...ch("dns-server-analytic", "Microsoft-Windows-DNS-Server/Analytical"),
  ...ch("dns-server-audit", "Microsoft-Windows-DNS-Server/Audit"),
  ...ch("driver-framework", "Microsoft-Windows-DriverFrameworks-UserMode/Operational"),
  ...ch("firewall-as", "Microsoft-Windows-Windows Firewall With Advanced Security/Firewall"),
  ...ch(
    "hyper-v-worker",
    "Microsoft-Windows-Hyper-V-Worker",
    "Microsoft-Windows-Hyper-V-Worker-Admin",
  ),
  ...ch("iis-configuration", "Microsoft-IIS-Configuration/Operational"),
  ...ch(
    "kernel-event-tracing",
    "Microsoft-Windows-Kernel-EventTracing",
    "Microsoft-Windows-Kernel-EventTracing/Admin",
  ),
  ...ch(
    "kernel-shimengine",
    "Microsoft-Windows-Kernel-ShimEngine/Operational",
    "Microsoft-Windows-Kernel-ShimEngine/Diagnostic",
  ),
  ...ch("ldap", "Microsoft-Windows-LDAP-Client/Debug"),
  ...ch("lsa-server", "Microsoft-Windows-LSA/Operational"),
  ...ch("msexchange-management", "MSExchange Management"),
  ...ch("ntfs", "Microsoft-Windows-Ntfs/Operational"),
  ...ch("ntlm", "Microsoft-Windows-NTLM/Operational"),
  ...ch("openssh", "OpenSSH/Operational"),
  ...ch("printservice-admin", "Microsoft-Windows-PrintService/Admin"),
  ...ch("printservice-operational", "Microsoft-Windows-PrintService/Operational"),
  ...ch(
    "security-mitigations",
    "Microsoft-Windows-Security-Mitigations/Kernel Mode",
    "Microsoft-Windows-Security-Mitigations/User Mode",
  ),
  ...ch("sense", "Microsoft-Windows-SENSE/Operational"),
  ...ch(
    "servicebus-client",
    "Microsoft-ServiceBus-Client/Admin",
    "Microsoft-ServiceBus-Client/Operational",
  ),
  ...ch("shell-core", "Microsoft-Windows-Shell-Core/Operational"),
  ...ch("smbclient-connectivity", "Microsoft-Windows-SmbClient/Connectivity"),
  ...ch("smbclient-security", "Microsoft-Windows-SmbClient/Security"),
  ...ch("smbserver-connectivity", "Microsoft-Windows-SMBServer/Connectivity"),
  ...ch("taskscheduler", "Microsoft-Windows-TaskScheduler/Operational"),
  ...ch(
    "terminalservices-localsessionmanager",
    "Microsoft-Windows-TerminalServices-LocalSessionManager/Operational",
  ),
  ...ch("vhdmp", "Microsoft-Windows-VHDMP/Operational"),
  ...ch("windefend", "Microsoft-Windows-Windows Defender/Operational"),
  ...ch("wmi", "Microsoft-Windows-WMI-Activity/Operational"),
  ["linux-sysmon/operational", { service: "sysmon", product: "linux" }],
]);

/** Services known under a second name in SigmaHQ rules. */
export const SERVICE_ALIASES: Record<string, string[]> = {
  "servicebus-client": ["microsoft-servicebus-client"],
};

/** Providers whose events identify the channel when `Channel` is missing. */
export const WINDOWS_PROVIDERS: Record<string, string> = {
  "microsoft-windows-sysmon": "microsoft-windows-sysmon/operational",
  "linux-sysmon": "linux-sysmon/operational",
  "microsoft-windows-security-auditing": "security",
  "microsoft-windows-powershell": "microsoft-windows-powershell/operational",
  "microsoft-windows-windows defender": "microsoft-windows-windows defender/operational",
  "microsoft-windows-taskscheduler": "microsoft-windows-taskscheduler/operational",
  "microsoft-windows-wmi-activity": "microsoft-windows-wmi-activity/operational",
  "microsoft-windows-bits-client": "microsoft-windows-bits-client/operational",
  "microsoft-windows-codeintegrity": "microsoft-windows-codeintegrity/operational",
};

const INTEGRITY_LEVELS: Record<string, string> = {
  "S-1-16-0": "Untrusted",
  "S-1-16-4096": "Low",
  "S-1-16-8192": "Medium",
  "S-1-16-8448": "Medium",
  "S-1-16-12288": "High",
  "S-1-16-16384": "System",
  "S-1-16-20480": "Protected",
};

/** Security 4688 → Sysmon-style process_creation fields. */
const SECURITY_4688: FieldMap = {
  Image: "NewProcessName",
  ParentImage: "ParentProcessName",
  ParentProcessId: "ProcessId",
  LogonId: "SubjectLogonId",
  User: (e) => {
    const u = e.SubjectUserName;
    if (typeof u !== "string") return undefined;
    const d = e.SubjectDomainName;
    return typeof d === "string" && d !== "" && d !== "-" ? `${d}\\${u}` : u;
  },
  IntegrityLevel: (e) => {
    const l = e.MandatoryLabel;
    return typeof l === "string" ? (INTEGRITY_LEVELS[l.toUpperCase()] ?? l) : undefined;
  },
};

/** Security 5156 (Windows Filtering Platform connection) → Sysmon-style network fields. */
const SECURITY_5156: FieldMap = {
  Image: "Application",
  DestinationIp: "DestAddress",
  DestinationPort: "DestPort",
  SourceIp: "SourceAddress",
  Initiated: (e) =>
    e.Direction === "%%14593" ? "true" : e.Direction === "%%14592" ? "false" : undefined,
};

const sysmon = (category: string, ids: number[], when?: Record<string, string[]>): CategoryDef => ({
  category,
  service: "sysmon",
  eventIds: ids,
  ...(when ? { when } : {}),
});

/** Generic categories and the events that produce them. */
export const WINDOWS_CATEGORIES: CategoryDef[] = [
  sysmon("process_creation", [1]),
  sysmon("file_change", [2]),
  sysmon("network_connection", [3]),
  sysmon("sysmon_status", [4, 16]),
  sysmon("process_termination", [5]),
  sysmon("driver_load", [6]),
  sysmon("image_load", [7]),
  sysmon("create_remote_thread", [8]),
  sysmon("raw_access_thread", [9]),
  sysmon("process_access", [10]),
  sysmon("file_event", [11]),
  sysmon("registry_event", [12, 13, 14]),
  sysmon("registry_add", [12], { EventType: ["CreateKey"] }),
  sysmon("registry_delete", [12], { EventType: ["DeleteKey", "DeleteValue"] }),
  sysmon("registry_set", [13]),
  sysmon("registry_rename", [14]),
  sysmon("create_stream_hash", [15]),
  sysmon("pipe_created", [17, 18]),
  sysmon("wmi_event", [19, 20, 21]),
  sysmon("dns_query", [22]),
  sysmon("file_delete", [23, 26]),
  sysmon("clipboard_capture", [24]),
  sysmon("clipboard_change", [24]),
  sysmon("process_tampering", [25]),
  sysmon("file_delete_detected", [26]),
  sysmon("file_block_executable", [27]),
  sysmon("file_block_shredding", [28]),
  sysmon("file_executable_detected", [29]),
  sysmon("sysmon_error", [255]),
  { category: "process_creation", service: "security", eventIds: [4688], fields: SECURITY_4688 },
  { category: "network_connection", service: "security", eventIds: [5156], fields: SECURITY_5156 },
  { category: "ps_module", service: "powershell", eventIds: [4103] },
  { category: "ps_script", service: "powershell", eventIds: [4104] },
  { category: "ps_classic_start", service: "powershell-classic", eventIds: [400] },
  { category: "ps_classic_provider_start", service: "powershell-classic", eventIds: [600] },
  { category: "ps_classic_script", service: "powershell-classic", eventIds: [800] },
  {
    category: "antivirus",
    service: "windefend",
    eventIds: [1006, 1007, 1008, 1009, 1010, 1011, 1012, 1017, 1018, 1019, 1115, 1116],
    fields: { Signature: "ThreatName", Filename: "Path" },
  },
];

/** The built-in Windows mapping. */
export function defaultWindowsMapping(): WindowsMapping {
  return {
    channels: { ...WINDOWS_CHANNELS },
    providers: { ...WINDOWS_PROVIDERS },
    categories: WINDOWS_CATEGORIES.slice(),
  };
}
