import type { DocumentStore } from "../documents/document.types.js";
import type { Clock } from "../domain/clock.js";
import type { IncidentStore } from "./incident.types.js";

/** What the response use cases take: their stores and the time. */
export interface ResponseDeps {
  incidents: IncidentStore;
  documents: DocumentStore;
  clock: Clock;
}
