import type { IndicatorType } from "../domain/incident/indicator-types.js";

/**
 * How Firebreak's indicator types and MISP attribute types correspond (MISP core format,
 * "Attribute Attributes": each type with a category that accepts it). Export and import read the
 * same table, so an indicator exported and imported again comes back as itself.
 */

export interface MispAttributeKind {
  type: string;
  category: string;
  /** Whether a detection tool may match on it (MISP's `to_ids`). */
  to_ids: boolean;
}

export const MISP_KIND_OF: Record<IndicatorType, MispAttributeKind> = {
  ip: { type: "ip-dst", category: "Network activity", to_ids: true },
  domain: { type: "domain", category: "Network activity", to_ids: true },
  url: { type: "url", category: "Network activity", to_ids: true },
  email: { type: "email-src", category: "Payload delivery", to_ids: true },
  md5: { type: "md5", category: "Payload delivery", to_ids: true },
  sha1: { type: "sha1", category: "Payload delivery", to_ids: true },
  sha256: { type: "sha256", category: "Payload delivery", to_ids: true },
  file_name: { type: "filename", category: "Payload delivery", to_ids: true },
  file_path: { type: "filename", category: "Artifacts dropped", to_ids: true },
  registry_key: { type: "regkey", category: "Persistence mechanism", to_ids: true },
  user_agent: { type: "user-agent", category: "Network activity", to_ids: true },
  // An AS or a CVE is context, not something a sensor can match on.
  asn: { type: "AS", category: "Network activity", to_ids: false },
  cve: { type: "vulnerability", category: "External analysis", to_ids: false },
  mutex: { type: "mutex", category: "Artifacts dropped", to_ids: true },
};

/** A path that names a folder (absolute, or with a separator) rather than a bare file name. */
const isPath = (v: string) => /[\\/]/.test(v);

/** MISP types whose value is one Firebreak indicator. */
const SINGLE: Record<string, IndicatorType> = {
  "ip-src": "ip",
  "ip-dst": "ip",
  domain: "domain",
  hostname: "domain",
  url: "url",
  email: "email",
  "email-src": "email",
  "email-dst": "email",
  md5: "md5",
  sha1: "sha1",
  sha256: "sha256",
  regkey: "registry_key",
  "user-agent": "user_agent",
  AS: "asn",
  vulnerability: "cve",
  mutex: "mutex",
};

/** MISP composite types (`a|b`): what each half is; null drops a half (a port, a value). */
const COMPOSITE: Record<string, [IndicatorType | "filename", IndicatorType | null]> = {
  "ip-src|port": ["ip", null],
  "ip-dst|port": ["ip", null],
  "hostname|port": ["domain", null],
  "domain|ip": ["domain", "ip"],
  "regkey|value": ["registry_key", null],
  "filename|md5": ["filename", "md5"],
  "filename|sha1": ["filename", "sha1"],
  "filename|sha256": ["filename", "sha256"],
};

/**
 * The Firebreak indicators a MISP attribute's value holds (a composite holds two), or why it
 * holds none. Values are not validated here: `validateIndicator` does that, one by one.
 */
export function indicatorsOfMisp(
  type: string,
  value: string,
): { ok: true; items: { type: IndicatorType; value: string }[] } | { ok: false; reason: string } {
  if (type === "filename")
    return { ok: true, items: [{ type: isPath(value) ? "file_path" : "file_name", value }] };
  const single = Object.hasOwn(SINGLE, type) ? SINGLE[type] : undefined;
  if (single) return { ok: true, items: [{ type: single, value }] };
  const composite = Object.hasOwn(COMPOSITE, type) ? COMPOSITE[type] : undefined;
  if (!composite)
    return { ok: false, reason: `MISP type '${type}' has no Firebreak indicator type` };
  const cut = value.indexOf("|");
  if (cut < 0) return { ok: false, reason: `a '${type}' value is two parts joined by '|'` };
  const parts = [value.slice(0, cut), value.slice(cut + 1)];
  const items = composite.flatMap((kind, i) => {
    const part = parts[i] as string;
    if (kind === null) return [];
    if (kind === "filename")
      return [{ type: isPath(part) ? "file_path" : "file_name", value: part }];
    return [{ type: kind, value: part }];
  }) as { type: IndicatorType; value: string }[];
  return { ok: true, items };
}
