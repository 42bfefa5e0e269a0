import type { Incident } from "../domain/incident/model.js";
import type { IncidentFilter, IncidentStore } from "./incident.types.js";

/**
 * The incidents matching `filter`, newest first, one page of `pageSize` at a time: for the jobs
 * and reports that must see every incident, not only the first page.
 */
export async function* incidentPages(
  incidents: Pick<IncidentStore, "list">,
  filter: IncidentFilter,
  pageSize: number,
): AsyncGenerator<Incident[]> {
  let cursor: string | undefined;
  do {
    const page = await incidents.list(filter, pageSize, cursor);
    yield page.items;
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
}
