/**
 * Built-in field-condition logsource sources: Elastic Common Schema (ECS) events, Winlogbeat, and
 * a few cloud audit formats recognisable by their shape. Each source says which Sigma
 * product/category/service an event has when its fields match, and which Sigma field names
 * (Sysmon-style, as SigmaHQ rules use them) map to the event's own fields.
 */
import type { FieldMap } from "./mapping-windows.js";

/** A logsource source recognised by field values. */
export interface SourceRule {
  name: string;
  /**
   * Every listed field must match one of the values: case-insensitive, `*` wildcards allowed;
   * `"*"` alone means "present". Array-valued fields match when any element does.
   */
  when: Record<string, string[]>;
  logsource: { product?: string; category?: string[]; service?: string };
  /** When true, Sigma dimensions this source leaves unset are known to be empty. */
  complete?: boolean;
  /** Sigma field → event field (set only when the Sigma field is absent). */
  fields?: FieldMap;
}

const userWithDomain = (e: Record<string, unknown>): unknown => {
  const name = e["user.name"];
  if (typeof name !== "string") return undefined;
  const domain = e["user.domain"];
  return typeof domain === "string" && domain !== "" ? `${domain}\\${name}` : name;
};

/** Sigma (Sysmon) field names → ECS fields. */
export const ECS_FIELDS: FieldMap = {
  Image: "process.executable",
  CommandLine: "process.command_line",
  ProcessId: "process.pid",
  CurrentDirectory: "process.working_directory",
  OriginalFileName: "process.pe.original_file_name",
  Description: "process.pe.description",
  Product: "process.pe.product",
  Company: "process.pe.company",
  ParentImage: "process.parent.executable",
  ParentCommandLine: "process.parent.command_line",
  ParentProcessId: "process.parent.pid",
  IntegrityLevel: "process.Ext.token.integrity_level_name",
  User: userWithDomain,
  md5: "process.hash.md5",
  sha1: "process.hash.sha1",
  sha256: "process.hash.sha256",
  DestinationIp: "destination.ip",
  DestinationPort: "destination.port",
  DestinationHostname: "destination.domain",
  SourceIp: "source.ip",
  SourcePort: "source.port",
  SourceHostname: "source.domain",
  Protocol: "network.transport",
  TargetFilename: "file.path",
  ImageLoaded: "dll.path",
  TargetObject: "registry.path",
  Details: "registry.data.strings",
  QueryName: "dns.question.name",
  QueryResults: "dns.answers.data",
  Computer: "host.name",
  "c-uri": "url.original",
  "c-uri-query": "url.query",
  "c-useragent": "user_agent.original",
  "cs-method": "http.request.method",
  "cs-host": "url.domain",
  "cs-referrer": "http.request.referrer",
  "sc-status": "http.response.status_code",
  "cs-uri-query": "url.query",
  "cs-uri-stem": "url.path",
  "cs-user-agent": "user_agent.original",
  "c-ip": "source.ip",
  src_ip: "source.ip",
  dst_ip: "destination.ip",
  src_port: "source.port",
  dst_port: "destination.port",
};

const ecs = (name: string, when: Record<string, string[]>, category: string[]): SourceRule => ({
  name,
  when,
  logsource: { category },
});

/** The built-in field-condition sources. */
export const GENERIC_SOURCES: SourceRule[] = [
  { name: "ecs", when: { "event.category": ["*"] }, logsource: {}, fields: ECS_FIELDS },
  { name: "ecs-version", when: { "ecs.version": ["*"] }, logsource: {}, fields: ECS_FIELDS },
  { name: "ecs-windows", when: { "host.os.type": ["windows"] }, logsource: { product: "windows" } },
  { name: "ecs-linux", when: { "host.os.type": ["linux"] }, logsource: { product: "linux" } },
  { name: "ecs-macos", when: { "host.os.type": ["macos"] }, logsource: { product: "macos" } },
  {
    name: "ecs-platform-windows",
    when: { "host.os.platform": ["windows"] },
    logsource: { product: "windows" },
  },
  {
    name: "ecs-platform-linux",
    when: { "host.os.platform": ["linux", "ubuntu", "debian", "centos", "rhel"] },
    logsource: { product: "linux" },
  },
  {
    name: "ecs-platform-macos",
    when: { "host.os.platform": ["darwin", "macos"] },
    logsource: { product: "macos" },
  },
  ecs("ecs-process-start", { "event.category": ["process"], "event.type": ["start"] }, [
    "process_creation",
  ]),
  ecs("ecs-process-end", { "event.category": ["process"], "event.type": ["end"] }, [
    "process_termination",
  ]),
  ecs("ecs-network", { "event.category": ["network"] }, ["network_connection", "network"]),
  {
    name: "ecs-dns",
    when: { "event.category": ["network"], "dns.question.name": ["*"] },
    logsource: { category: ["dns_query", "dns"], service: "dns" },
  },
  ecs("ecs-file-create", { "event.category": ["file"], "event.type": ["creation"] }, [
    "file_event",
  ]),
  ecs("ecs-file-change", { "event.category": ["file"], "event.type": ["change"] }, ["file_change"]),
  ecs("ecs-file-delete", { "event.category": ["file"], "event.type": ["deletion"] }, [
    "file_delete",
  ]),
  ecs("ecs-registry", { "event.category": ["registry"] }, ["registry_event"]),
  ecs("ecs-registry-set", { "event.category": ["registry"], "event.type": ["change"] }, [
    "registry_set",
  ]),
  ecs("ecs-registry-add", { "event.category": ["registry"], "event.type": ["creation"] }, [
    "registry_add",
  ]),
  ecs("ecs-registry-del", { "event.category": ["registry"], "event.type": ["deletion"] }, [
    "registry_delete",
  ]),
  ecs("ecs-library", { "event.category": ["library"] }, ["image_load"]),
  ecs("ecs-driver", { "event.category": ["driver"] }, ["driver_load"]),
  ecs("ecs-web", { "event.category": ["web"] }, ["webserver", "proxy"]),
  {
    name: "aws-cloudtrail",
    when: { eventSource: ["*.amazonaws.com"], eventName: ["*"] },
    logsource: { product: "aws", service: "cloudtrail" },
    complete: true,
  },
  {
    name: "okta",
    when: { eventType: ["*"], "actor.alternateId": ["*"], "outcome.result": ["*"] },
    logsource: { product: "okta", service: "okta" },
    complete: true,
  },
  {
    name: "gcp-audit",
    when: { "protoPayload.@type": ["type.googleapis.com/google.cloud.audit.auditlog"] },
    logsource: { product: "gcp", service: "gcp.audit" },
    complete: true,
  },
  {
    name: "azure-signin",
    when: { category: ["SignInLogs", "NonInteractiveUserSignInLogs"] },
    logsource: { product: "azure", service: "signinlogs" },
    complete: true,
  },
  {
    name: "azure-audit",
    when: { category: ["AuditLogs"] },
    logsource: { product: "azure", service: "auditlogs" },
    complete: true,
  },
];
