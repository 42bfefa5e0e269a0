import { isIP } from "node:net";
import { domainToASCII } from "node:url";
import { INDICATOR_TYPES, type IndicatorType } from "./indicator-types.js";

/**
 * Indicators of compromise: what kinds there are, and how each is checked and written in one
 * canonical form — so that the same indicator typed twice (or pasted defanged from a report) is
 * recognised as the same, within an incident and across incidents.
 */
export { INDICATOR_TYPES, type IndicatorType };

/** A validated indicator value, or why it is not one. */
export type IndicatorVerdict = { ok: true; value: string } | { ok: false; reason: string };

export function isIndicatorType(type: string): type is IndicatorType {
  return (INDICATOR_TYPES as readonly string[]).includes(type);
}

/**
 * Undoes the usual defanging of threat reports (`hxxp://`, `example[.]com`, `user[at]host`),
 * which exists so that nobody clicks an indicator by accident; stored values are refanged so
 * that they compare equal to what logs and tools contain.
 */
export function refang(value: string): string {
  return value
    .trim()
    .replace(/^h(?:xx|XX|\*\*)p(s?)(?=\[?:)/i, "http$1")
    .replace(/^fxp(?=\[?:)/i, "ftp")
    .replace(/\[:\/\/\]|\[:\]\/\//g, "://")
    .replace(/\[\s*(?:\.|dot)\s*\]|\(\s*(?:\.|dot)\s*\)|\{\s*(?:\.|dot)\s*\}/gi, ".")
    .replace(/\[\s*(?:@|at)\s*\]|\(\s*(?:@|at)\s*\)/gi, "@")
    .replace(/\[:\]/g, ":");
}

/** Control characters never belong in an indicator (they hide in logs and break displays). */
const hasControl = (v: string) =>
  [...v].some((c) => (c.codePointAt(0) as number) < 0x20 || c === "\u007f");
const ok = (value: string): IndicatorVerdict => ({ ok: true, value });
const no = (reason: string): IndicatorVerdict => ({ ok: false, reason });

function ip(raw: string): IndicatorVerdict {
  const v = refang(raw).replace(/^\[(.*)\]$/, "$1");
  if (v.includes("%"))
    return no("an IPv6 zone id (%…) is local to one host; give the address without it");
  const family = isIP(v);
  if (family === 4) return ok(v);
  if (family === 6) {
    // An IPv4-mapped address keeps its dotted tail, which is how logs write it.
    if (v.includes(".")) return ok(v.toLowerCase());
    // The URL parser writes IPv6 in its RFC 5952 canonical form (lower case, zeros compressed).
    return ok(new URL(`http://[${v}]/`).hostname.slice(1, -1));
  }
  return no(`'${raw}' is not an IPv4 or IPv6 address`);
}

const LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/;

function domainName(raw: string, what = "domain"): IndicatorVerdict {
  const v = refang(raw).toLowerCase().replace(/\.$/, "");
  if (v.length === 0) return no(`a ${what} cannot be empty`);
  if (isIP(v)) return no(`'${raw}' is an IP address; use the ip type`);
  // The WHATWG host parser also refuses names ending in a numeric label (they read as IPv4).
  const ascii = domainToASCII(v);
  if (!ascii) return no(`'${raw}' is not a valid ${what}`);
  const labels = ascii.split(".");
  if (labels.length < 2)
    return no(`'${raw}' is not a fully qualified ${what} (expected e.g. example.com)`);
  if (ascii.length > 253) return no(`'${raw}' is longer than 253 characters`);
  if (!labels.every((l) => LABEL.test(l))) return no(`'${raw}' is not a valid ${what}`);
  return ok(ascii);
}

function url(raw: string): IndicatorVerdict {
  const v = refang(raw);
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(v))
    return no(`'${raw}' is not a URL (expected e.g. https://example.com/path)`);
  let parsed: URL;
  try {
    parsed = new URL(v);
  } catch {
    return no(`'${raw}' is not a valid URL`);
  }
  if (!parsed.hostname) return no(`'${raw}' has no host`);
  return ok(parsed.href);
}

function email(raw: string): IndicatorVerdict {
  const v = refang(raw);
  const at = v.lastIndexOf("@");
  if (at <= 0) return no(`'${raw}' is not an e-mail address (expected local@domain)`);
  const local = v.slice(0, at);
  if (local.length > 64 || /[\s<>()[\],;:"]/.test(local) || hasControl(local))
    return no(`'${raw}' has an invalid local part`);
  const domain = domainName(v.slice(at + 1), "e-mail domain");
  if (!domain.ok) return domain;
  // Mail systems treat local parts case-insensitively in practice; one case keeps dedup honest.
  return ok(`${local.toLowerCase()}@${domain.value}`);
}

const hex = (name: string, length: number) => (raw: string) => {
  const v = raw.trim().toLowerCase();
  return new RegExp(`^[0-9a-f]{${length}}$`).test(v)
    ? ok(v)
    : no(`a ${name} is ${length} hexadecimal characters; '${raw}' is not`);
};

/** Free text with a bound and no control characters (names, paths, user agents, mutexes). */
const text =
  (what: string, max: number, check?: (v: string) => string | undefined) => (raw: string) => {
    const v = raw.trim();
    if (v.length === 0) return no(`a ${what} cannot be empty`);
    if (v.length > max) return no(`a ${what} is at most ${max} characters`);
    if (hasControl(v)) return no(`a ${what} cannot contain control characters`);
    const problem = check?.(v);
    return problem ? no(problem) : ok(v);
  };

const ABSOLUTE_PATH = /^(?:\/|~\/|[a-z]:[\\/]|\\\\[^\\]+\\|%[a-z_][a-z0-9_]*%[\\/])/i;

const HIVES: Record<string, string> = {
  HKLM: "HKEY_LOCAL_MACHINE",
  HKCU: "HKEY_CURRENT_USER",
  HKU: "HKEY_USERS",
  HKCR: "HKEY_CLASSES_ROOT",
  HKCC: "HKEY_CURRENT_CONFIG",
};

function registryKey(raw: string): IndicatorVerdict {
  const base = text("registry key", 1024)(raw);
  if (!base.ok) return base;
  const [hive = "", ...rest] = base.value.split("\\");
  const upper = hive.toUpperCase();
  const full = HIVES[upper] ?? (Object.values(HIVES).includes(upper) ? upper : undefined);
  if (!full)
    return no(
      `a registry key starts with a hive (${Object.keys(HIVES).join(", ")} or its full name); '${raw}' does not`,
    );
  return ok([full, ...rest].join("\\"));
}

function asn(raw: string): IndicatorVerdict {
  const m = /^(?:AS)?\s*(\d{1,10})$/i.exec(raw.trim());
  const n = m ? Number(m[1]) : Number.NaN;
  if (!Number.isInteger(n) || n > 4294967295)
    return no(`'${raw}' is not an AS number (expected e.g. AS13335)`);
  return ok(`AS${n}`);
}

function cve(raw: string): IndicatorVerdict {
  const v = raw.trim().toUpperCase();
  const m = /^CVE-(\d{4})-(\d{4,})$/.exec(v);
  if (!m || Number(m[1]) < 1999)
    return no(`'${raw}' is not a CVE id (expected e.g. CVE-2024-3400)`);
  return ok(v);
}

const VALIDATORS: Record<IndicatorType, (raw: string) => IndicatorVerdict> = {
  ip,
  domain: (raw) => domainName(raw),
  url,
  email,
  md5: hex("MD5 hash", 32),
  sha1: hex("SHA-1 hash", 40),
  sha256: hex("SHA-256 hash", 64),
  file_name: text("file name", 255, (v) =>
    /[\\/]/.test(v) ? "a file name has no folder separators; use file_path for a path" : undefined,
  ),
  file_path: text("file path", 4096, (v) =>
    ABSOLUTE_PATH.test(v)
      ? undefined
      : `a file path is absolute (/…, C:\\…, \\\\server\\share\\…, %ENV%\\…); '${v}' is not`,
  ),
  registry_key: registryKey,
  user_agent: text("user agent", 1024),
  asn,
  cve,
  mutex: text("mutex name", 260),
};

/** Checks a value against its indicator type and returns its canonical form. */
export function validateIndicator(type: string, value: string): IndicatorVerdict {
  if (!isIndicatorType(type))
    return no(`unknown indicator type '${type}'; known types are ${INDICATOR_TYPES.join(", ")}`);
  if (typeof value !== "string") return no("an indicator value is text");
  return VALIDATORS[type](value);
}

/**
 * Every reading of a bare value (no type given): each type it validates as, with the canonical
 * form under that type. Free-text types (file name, mutex, user agent) accept almost anything, so
 * they are among the readings of most values; a lookup matches on type and value together.
 */
export function readIndicator(value: string): { type: IndicatorType; value: string }[] {
  const out: { type: IndicatorType; value: string }[] = [];
  for (const type of INDICATOR_TYPES) {
    const verdict = VALIDATORS[type](value);
    if (verdict.ok) out.push({ type, value: verdict.value });
  }
  return out;
}
