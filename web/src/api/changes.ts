import { changes } from "../../../src/contract/changes";
import { client } from "./client";

/** Change events (`src/contract/changes.ts`) as the incident room shows them. */

export type {
  ChangesBeforeView as ChangesBefore,
  ChangeView as Change,
} from "../../../src/contract/changes";

export const changesApi = {
  beforeIncident: (ref: string, signal?: AbortSignal) =>
    client.call(changes.beforeIncident, { params: { id: ref } }, { signal }),
};
