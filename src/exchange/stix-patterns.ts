import { isIP } from "node:net";
import type { IndicatorType } from "../domain/incident/indicator-types.js";

/**
 * STIX 2.1 patterns (STIX 2.1 part 9) for Firebreak's indicator types: each canonical value as
 * the comparison an intrusion detection tool can run. A CVE is not observable (nothing on the
 * wire or the disk "is" a CVE), so it has no pattern: it is exported as a vulnerability object.
 */

/** A pattern string literal: quotes and backslashes escaped (STIX 2.1 section 9.2). */
export const literal = (value: string) => `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;

const cmp = (path: string, value: string) => `[${path} = ${literal(value)}]`;

/** A file path as its folder and its name; a path that ends in a separator is a folder. */
function filePath(path: string): string {
  const cut = Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
  const folder = path.slice(0, cut);
  const name = path.slice(cut + 1);
  if (!name) return cmp("directory:path", path);
  if (!folder) return cmp("file:name", name);
  return `[file:parent_directory_ref.path = ${literal(folder)} AND file:name = ${literal(name)}]`;
}

const PATTERNS: Record<Exclude<IndicatorType, "cve">, (value: string) => string> = {
  ip: (v) => cmp(isIP(v) === 6 ? "ipv6-addr:value" : "ipv4-addr:value", v),
  domain: (v) => cmp("domain-name:value", v),
  url: (v) => cmp("url:value", v),
  email: (v) => cmp("email-addr:value", v),
  md5: (v) => cmp("file:hashes.MD5", v),
  sha1: (v) => cmp("file:hashes.'SHA-1'", v),
  sha256: (v) => cmp("file:hashes.'SHA-256'", v),
  file_name: (v) => cmp("file:name", v),
  file_path: filePath,
  registry_key: (v) => cmp("windows-registry-key:key", v),
  user_agent: (v) =>
    cmp("network-traffic:extensions.'http-request-ext'.request_header.'User-Agent'", v),
  // An AS number is an integer in STIX, compared without quotes.
  asn: (v) => `[autonomous-system:number = ${Number(v.replace(/^AS/i, ""))}]`,
  mutex: (v) => cmp("mutex:name", v),
};

/** The pattern of a stored indicator, or undefined for a CVE or a type this build lacks. */
export function stixPattern(type: string, value: string): string | undefined {
  const build = (PATTERNS as Record<string, ((v: string) => string) | undefined>)[type];
  return build?.(value);
}
