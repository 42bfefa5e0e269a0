import { isExercise, type Notification } from "../notification.types.js";

/** The words every channel shows on an exercise message, so nobody mistakes a drill for real. */
export const EXERCISE_BANNER = "EXERCISE — this is a drill, not a real incident";

/** The incident as people refer to it: its human id when known. */
export function incidentLabel(n: Notification): string | null {
  return n.incidentRef ?? n.incidentId;
}

/**
 * The subject every channel uses: `[EXERCISE] [severity] INC-7: subject`. The incident and its
 * severity lead, so that a pager screen or an inbox list shows them before anything else.
 */
export function subjectLine(n: Notification): string {
  const parts: string[] = [];
  if (isExercise(n)) parts.push("[EXERCISE]");
  if (n.severity) parts.push(`[${n.severity}]`);
  const incident = incidentLabel(n);
  parts.push(incident ? `${incident}: ${n.subject}` : n.subject);
  return parts.join(" ");
}

/** Incident, severity and phase, those that are known, as label/value pairs. */
export function facts(n: Notification): { label: string; value: string }[] {
  const out: { label: string; value: string }[] = [];
  const incident = incidentLabel(n);
  if (incident) out.push({ label: "Incident", value: incident });
  if (n.severity) out.push({ label: "Severity", value: n.severity });
  if (n.phase) out.push({ label: "Phase", value: n.phase });
  return out;
}

const LINK_TITLES: Record<string, string> = { ack: "Acknowledge", incident: "Open incident" };

/** The links in the order people need them: acknowledge first. */
export function orderedLinks(n: Notification): { name: string; title: string; url: string }[] {
  return Object.entries(n.links)
    .sort(([a], [b]) => (a === "ack" ? -1 : b === "ack" ? 1 : a.localeCompare(b)))
    .map(([name, url]) => ({
      name,
      title: LINK_TITLES[name] ?? name.replaceAll("_", " ").replace(/^./, (c) => c.toUpperCase()),
      url,
    }));
}

/** The plain-text rendering: banner, facts, body, links. */
export function plainText(n: Notification): string {
  const lines: string[] = [];
  if (isExercise(n)) lines.push(`*** ${EXERCISE_BANNER} ***`, "");
  for (const f of facts(n)) lines.push(`${f.label}: ${f.value}`);
  if (lines.length > 0 && lines.at(-1) !== "") lines.push("");
  lines.push(n.body.text.trimEnd());
  const links = orderedLinks(n);
  if (links.length > 0) lines.push("", ...links.map((l) => `${l.title}: ${l.url}`));
  return `${lines.join("\n")}\n`;
}

export function escapeHtml(s: string): string {
  return s
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/** The HTML rendering; the caller's HTML body is trusted (it comes from our own templates). */
export function htmlBody(n: Notification): string {
  const parts: string[] = [];
  if (isExercise(n))
    parts.push(
      `<p style="background:#fde047;color:#000;padding:8px;font-weight:bold">${escapeHtml(EXERCISE_BANNER)}</p>`,
    );
  const rows = facts(n).map(
    (f) => `<tr><th align="left">${escapeHtml(f.label)}</th><td>${escapeHtml(f.value)}</td></tr>`,
  );
  if (rows.length > 0) parts.push(`<table>${rows.join("")}</table>`);
  parts.push(
    n.body.html ??
      n.body.text
        .trim()
        .split(/\n{2,}/)
        .map((p) => `<p>${escapeHtml(p).replaceAll("\n", "<br>")}</p>`)
        .join("\n"),
  );
  const links = orderedLinks(n).map(
    (l) => `<a href="${escapeHtml(l.url)}">${escapeHtml(l.title)}</a>`,
  );
  if (links.length > 0) parts.push(`<p>${links.join(" · ")}</p>`);
  return `<!doctype html>\n<html><body>\n${parts.join("\n")}\n</body></html>\n`;
}
