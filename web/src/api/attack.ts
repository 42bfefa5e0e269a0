import { attack } from "../../../src/contract/attack";
import { client } from "./client";

/** ATT&CK techniques of an incident and the metrics across incidents (`src/contract/attack.ts`). */

export type { IncidentTechniqueView as IncidentTechnique } from "../../../src/contract/attack";

export const attackApi = {
  list: (ref: string, signal?: AbortSignal) =>
    client.call(attack.list, { params: { id: ref } }, { signal }).then((r) => r.items),
  add: (ref: string, technique: string, reason: string) =>
    client.call(attack.add, { params: { id: ref }, body: { technique, reason } }),
  remove: (ref: string, technique: string, reason: string) =>
    client.call(attack.remove, { params: { id: ref, technique }, body: { reason } }),
  metrics: (range: { from?: string; to?: string }, signal?: AbortSignal) =>
    client.call(attack.metrics, { query: range }, { signal }),
};
