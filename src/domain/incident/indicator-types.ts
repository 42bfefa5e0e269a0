/**
 * The kinds of indicator of compromise, apart from their checks (`indicator.ts`, which needs
 * Node) so that the web offers the same list.
 */
export const INDICATOR_TYPES = [
  "ip",
  "domain",
  "url",
  "email",
  "md5",
  "sha1",
  "sha256",
  "file_name",
  "file_path",
  "registry_key",
  "user_agent",
  "asn",
  "cve",
  "mutex",
] as const;

export type IndicatorType = (typeof INDICATOR_TYPES)[number];
