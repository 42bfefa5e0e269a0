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
 * and one module beside it. Partial while a format of `EXPORT_FORMAT_NAMES` is being written; an
 * absent one is refused as unavailable (`export.service.ts`).
 */
export const EXPORT_FORMATS = {
  stix: stixFormat,
  misp: mispFormat,
  veris: verisFormat,
  navigator: navigatorFormat,
} satisfies Partial<Record<ExportFormatName, ExportFormat>>;
