/**
 * Sharing an incident outside Firebreak: the export formats the API, the CLI and the web offer,
 * and the Traffic Light Protocol levels an export is marked with (Node-free, so the web and the
 * plan schema import them too).
 */

/** The export formats, by the name `?format=` and `firebreak export <format>` take. */
export const EXPORT_FORMAT_NAMES = ["stix", "misp", "veris", "navigator"] as const;
export type ExportFormatName = (typeof EXPORT_FORMAT_NAMES)[number];

/** FIRST's TLP 2.0 levels, lowest restriction first. */
export const TLP_LEVELS = ["clear", "green", "amber", "amber+strict", "red"] as const;
export type Tlp = (typeof TLP_LEVELS)[number];

/** What an export is marked when the plan says nothing: shared on a need-to-know basis. */
export const DEFAULT_TLP: Tlp = "amber";

/**
 * The marking of an incident's export: a restricted incident is for its participants only, which
 * is TLP:RED whatever the plan's default; any other takes the plan's `sharing.default_tlp`.
 */
export function tlpFor(incident: { restricted: boolean }, planDefault: Tlp | undefined): Tlp {
  return incident.restricted ? "red" : (planDefault ?? DEFAULT_TLP);
}

/** The largest MISP event JSON the import takes (events with many thousand attributes fit). */
export const MAX_MISP_EVENT_BYTES = 16 * 1024 * 1024;
