import { type AuditDeps, audit } from "../audit/audit.service.js";
import type { Actor } from "../domain/actor.js";
import type { ExportFormatName, Tlp } from "../domain/exchange.js";
import { type ExchangeDeps, gatherDossier } from "./dossier.js";
import { EXPORT_FORMATS } from "./formats.js";

/** An export, ready to send or write. */
export interface IncidentExport {
  format: ExportFormatName;
  /** `<human_id>.<format>.<extension>`, e.g. `INC-2026-0042.stix.json`. */
  filename: string;
  mediaType: string;
  tlp: Tlp;
  document: unknown;
}

/**
 * Writes the incident (by id or human id) in an export format, as `actor` may see it, and puts
 * the export on the audit record with its TLP: an export leaves the building, so who took what,
 * marked how, is kept (docs/exchange.md).
 */
export async function exportIncident(
  deps: ExchangeDeps & AuditDeps,
  ref: string,
  formatName: ExportFormatName,
  actor: Actor,
  ip?: string,
): Promise<IncidentExport> {
  const format = EXPORT_FORMATS[formatName];
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
