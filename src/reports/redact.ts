import type { ReportData } from "./report-data.js";

const WITHHELD = "[withheld]";

/** Digests (MD5 and longer) and IPv4 addresses, whatever incident they came from. */
const GENERIC = /\b[0-9a-f]{32,128}\b|\b(?:\d{1,3}\.){3}\d{1,3}\b/gi;

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * For reports that leave the response team (executive, regulator drafts): removes from free
 * text every indicator and evidence hash recorded on the incident, and anything shaped like a
 * digest or an IP address, so that a responder's note quoted in a decision cannot leak them.
 */
export function redactor(
  data: Pick<ReportData, "indicators" | "evidence">,
): (text: string) => string {
  const values = [...data.indicators.map((i) => i.value), ...data.evidence.map((e) => e.sha256)]
    .filter((v) => v.length >= 3)
    .sort((a, b) => b.length - a.length);
  const exact = values.length ? new RegExp(values.map(escapeRe).join("|"), "gi") : null;
  return (text) => {
    const once = exact ? text.replace(exact, WITHHELD) : text;
    return once.replace(GENERIC, WITHHELD);
  };
}
