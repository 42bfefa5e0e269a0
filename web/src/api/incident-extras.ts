import { assets } from "../../../src/contract/assets";
import { type EvidenceInput, evidence } from "../../../src/contract/evidence";
import { indicators } from "../../../src/contract/indicators";
import { roles } from "../../../src/contract/roles";
import type { AssetStatus } from "../../../src/domain/incident/asset-status";
import type { IndicatorType } from "../../../src/domain/incident/indicator-types";
import { client } from "./client";

/**
 * Evidence, indicators, roles and assets of an incident, as the incident room calls them
 * (`src/contract/evidence.ts`, `indicators.ts`, `roles.ts`, `assets.ts`).
 */

export type { EvidenceView as Evidence } from "../../../src/contract/evidence";

const on = (id: string) => ({ params: { id } });
const items = <T>(p: { items: T[] }) => p.items;

export const evidenceApi = {
  list: (ref: string, signal?: AbortSignal) =>
    client.call(evidence.list, on(ref), { signal }).then(items),
  add: (ref: string, input: EvidenceInput) =>
    client.call(evidence.add, { ...on(ref), body: input }),
  transfer: (ref: string, evidenceId: string, to: string, reason: string) =>
    client.call(evidence.transfer, { params: { id: ref, evidenceId }, body: { to, reason } }),
};

export const indicatorsApi = {
  list: (ref: string, signal?: AbortSignal) =>
    client.call(indicators.list, on(ref), { signal }).then(items),
  // The form's select offers INDICATOR_TYPES; the server refuses anything else.
  add: (ref: string, input: { type: string; value: string; description?: string }) =>
    client.call(indicators.add, {
      ...on(ref),
      body: { ...input, type: input.type as IndicatorType },
    }),
};

export const rolesApi = {
  list: (ref: string, signal?: AbortSignal) =>
    client.call(roles.list, on(ref), { signal }).then(items),
  assign: (ref: string, input: { role: string; person: string; additional?: boolean }) =>
    client.call(roles.assign, { ...on(ref), body: input }),
  release: (ref: string, assignmentId: string) =>
    client.call(roles.release, { params: { id: ref, assignmentId }, body: {} }),
};

export const assetsApi = {
  list: (ref: string, signal?: AbortSignal) =>
    client.call(assets.list, on(ref), { signal }).then(items),
  // The panel's statuses come from ASSET_STATUSES; the server refuses anything else.
  put: (ref: string, changes: { name: string; kind?: string; status: string }[]) =>
    client
      .call(assets.put, {
        ...on(ref),
        body: { assets: changes.map((a) => ({ ...a, status: a.status as AssetStatus })) },
      })
      .then(items),
};
