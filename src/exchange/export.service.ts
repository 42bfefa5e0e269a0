import { type AuditDeps, audit } from "../audit/audit.service.js";
import type { Actor } from "../domain/actor.js";
import { invalidInput } from "../domain/errors.js";
import { EXPORT_FORMAT_NAMES, type Tlp } from "../domain/exchange.js";
import { type ExchangeDeps, gatherDossier } from "./dossier.js";
import { EXPORT_FORMATS, type ExportFormat } from "./formats.js";

/** An export, ready to send or write. */
export interface IncidentExport {
  format: string;
  /** `<human_id>.<format>.<extension>`, e.g. `INC-2026-0042.stix.json`. */
  filename: string;
  mediaType: string;
  tlp: Tlp;
  document: unknown;
}

function formatNamed(name: string): ExportFormat {
  const registry: Partial<Record<string, ExportFormat>> = EXPORT_FORMATS;
  const format = Object.hasOwn(registry, name) ? registry[name] : undefined;
  if (format) return format;
  const known = EXPORT_FORMAT_NAMES.filter((n) => Object.hasOwn(registry, n));
  const message = `unknown export format '${name}'; the formats are ${known.join(", ")}`;
  throw invalidInput(message, [{ message, path: "format" }]);
}

/**
 * Writes the incident (by id or human id) in an export format, as `actor` may see it, and puts
 * the export on the audit record with its TLP: an export leaves the building, so who took what,
 * marked how, is kept (docs/exchange.md).
 */
export async function exportIncident(
  deps: ExchangeDeps & AuditDeps,
  ref: string,
  formatName: string,
  actor: Actor,
  ip?: string,
): Promise<IncidentExport> {
  const format = formatNamed(formatName);
  const dossier = await gatherDossier(deps, ref, actor);
  const document = format.build(dossier);
  const { incident, tlp } = dossier;
  await audit(deps, {
    actor,
    action: "incident.exported",
    target: incident.human_id,
    ip,
    incident: incident.id,
    details: { format: formatName, tlp },
  });
  return {
    format: formatName,
    filename: `${incident.human_id}.${formatName}.${format.extension}`,
    mediaType: format.mediaType,
    tlp,
    document,
  };
}
