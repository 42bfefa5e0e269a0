/**
 * Event normalisation: flat Sigma-addressable fields, the event's time, and its main entities
 * (host, user, source and destination address, process), whatever the input shape (Windows event
 * JSON, Winlogbeat, ECS nested or flat, generic JSON).
 */
import { eventTime } from "./event-time.js";
import { type Fields, flattenEvent } from "./flatten.js";

/** The entities incident responders pivot on. */
export interface EventEntities {
  host?: string;
  user?: string;
  source_ip?: string;
  destination_ip?: string;
  process?: { image?: string; pid?: number | string; command_line?: string };
}

/** A normalised event. */
export interface NormalizedEvent {
  /** Flat fields (Sigma names for Windows, dotted paths for nested JSON). */
  fields: Fields;
  /** Event time in ms since the epoch, when the event says it in a shape `parseTime` reads. */
  time?: number;
  entities: EventEntities;
  /** The event as received. */
  raw: unknown;
}

const BRAND = Symbol.for("firebreak.normalizedEvent");

/** True for values produced by `normalizeEvent`. */
export function isNormalizedEvent(v: unknown): v is NormalizedEvent {
  return typeof v === "object" && v !== null && (v as Record<symbol, unknown>)[BRAND] === true;
}

function first(f: Fields, names: string[]): unknown {
  for (const n of names) {
    const v = f[n];
    if (v !== undefined && v !== null && v !== "" && v !== "-") return Array.isArray(v) ? v[0] : v;
  }
  return undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined;
}

/** Extracts the main entities from flat fields. */
export function extractEntities(f: Fields): EventEntities {
  const e: EventEntities = {};
  const host = str(
    first(f, ["Computer", "host.name", "host.hostname", "hostname", "Hostname", "ComputerName"]),
  );
  if (host) e.host = host;
  let user = str(
    first(f, ["User", "user.name", "TargetUserName", "SubjectUserName", "UserName", "username"]),
  );
  const domain = str(first(f, ["user.domain"]));
  if (user && domain && f.User === undefined && !user.includes("\\")) user = `${domain}\\${user}`;
  if (user) e.user = user;
  const src = str(
    first(f, [
      "SourceIp",
      "source.ip",
      "IpAddress",
      "src_ip",
      "c-ip",
      "SourceAddress",
      "sourceIPAddress",
    ]),
  );
  if (src) e.source_ip = src;
  const dst = str(first(f, ["DestinationIp", "destination.ip", "dst_ip", "DestAddress", "s-ip"]));
  if (dst) e.destination_ip = dst;
  const image = str(first(f, ["Image", "NewProcessName", "process.executable", "process.name"]));
  const pid = first(f, ["ProcessId", "NewProcessId", "process.pid"]);
  const cmd = str(first(f, ["CommandLine", "process.command_line"]));
  if (image || cmd || pid !== undefined) {
    e.process = {};
    if (image) e.process.image = image;
    if (typeof pid === "number" || typeof pid === "string") e.process.pid = pid;
    if (cmd) e.process.command_line = cmd;
  }
  return e;
}

/**
 * Normalises one event (any JSON value; non-objects become `{value: ...}`). `reference` (ms,
 * default now) is when it was read: the year of a syslog time that has none.
 */
export function normalizeEvent(raw: unknown, reference?: number): NormalizedEvent {
  const fields = flattenEvent(raw);
  const ev: NormalizedEvent = { fields, entities: extractEntities(fields), raw };
  const time = eventTime(fields, reference);
  if (time !== undefined) ev.time = time;
  Object.defineProperty(ev, BRAND, { value: true, enumerable: false });
  return ev;
}
