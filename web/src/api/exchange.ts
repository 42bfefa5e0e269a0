import { endpointUrl } from "../../../src/client/client";
import { exchange } from "../../../src/contract/exports";
import type { ExportFormatName } from "../../../src/domain/exchange";
import { client } from "./client";

/** Exports of an incident and the MISP import (`src/contract/exports.ts`). */
export const exchangeApi = {
  /** The export's address: a download link, which the browser fetches with the session cookie. */
  exportUrl: (ref: string, format: ExportFormatName) =>
    endpointUrl(exchange.exportIncident.path, { id: ref }, { format }),
  importMisp: (ref: string, event: Record<string, unknown>) =>
    client.call(exchange.importMisp, { params: { id: ref }, body: event }),
};

export type ImportMispResult = Awaited<ReturnType<typeof exchangeApi.importMisp>>;
