import type { ExportFormatName } from "../domain/exchange.js";
import type { IncidentDossier } from "./dossier.js";
import { mispFormat } from "./misp.js";
import { navigatorFormat } from "./navigator.js";
import { stixFormat } from "./stix.js";
import { verisFormat } from "./veris.js";

/** One way of writing an incident for another tool: a pure function of its dossier. */
export interface ExportFormat {
  /** The answer's media type. */
  mediaType: string;
  /** The file name's extension (`INC-2026-0042.stix.json`). */
  extension: string;
  build(d: IncidentDossier): unknown;
}

/**
 * The registry the route, the CLI and the web menu are generic over: a format is one line here
 * and one module beside it, and each of `EXPORT_FORMAT_NAMES` must have its line.
 */
export const EXPORT_FORMATS: Record<ExportFormatName, ExportFormat> = {
  stix: stixFormat,
  misp: mispFormat,
  veris: verisFormat,
  navigator: navigatorFormat,
};
