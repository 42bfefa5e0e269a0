import { api } from "./client";
import type { Page } from "./types";

/**
 * Evidence, indicators, roles and assets of an incident (`src/server/routes/*.routes.ts`, shapes
 * in `incident-extras.schemas.ts`).
 */

export interface CustodyTransfer {
  id: string;
  from_custodian: string;
  to_custodian: string;
  at: string;
  reason: string;
}

export interface Evidence {
  id: string;
  name: string;
  description: string;
  sha256: string;
  size: number;
  location: string;
  acquired_by: string;
  acquired_at: string;
  custodian: string;
  created_at: string;
  custody: CustodyTransfer[];
}

export interface NewEvidence {
  name: string;
  description?: string;
  sha256: string;
  size: number;
  location: string;
  acquired_by: string;
}

export const INDICATOR_TYPES = [
  "ip",
  "domain",
  "url",
  "email",
  "md5",
  "sha1",
  "sha256",
  "file_name",
  "file_path",
  "registry_key",
  "user_agent",
  "asn",
  "cve",
  "mutex",
] as const;

export interface Indicator {
  id: string;
  type: string;
  value: string;
  description: string;
  created_at: string;
  created_by: string;
}

export interface RoleAssignment {
  id: string;
  role: string;
  person: string;
  assigned_at: string;
  assigned_by: string;
  ended_at: string | null;
  current: boolean;
}

export const ASSET_STATUSES = [
  "suspected",
  "compromised",
  "contained",
  "cleaned",
  "restored",
  "not_affected",
] as const;

export interface Asset {
  id: string;
  name: string;
  kind: string;
  status: string;
  updated_at: string;
}

const at = (ref: string) => `/incidents/${encodeURIComponent(ref)}`;
const items = <T>(p: Page<T>) => p.items;

export const evidenceApi = {
  list: (ref: string, signal?: AbortSignal) =>
    api<Page<Evidence>>(`${at(ref)}/evidence`, { signal }).then(items),
  add: (ref: string, input: NewEvidence) => api<Evidence>(`${at(ref)}/evidence`, { json: input }),
  transfer: (ref: string, evidenceId: string, to: string, reason: string) =>
    api<Evidence>(`${at(ref)}/evidence/${encodeURIComponent(evidenceId)}/transfers`, {
      json: { to, reason },
    }),
};

export const indicatorsApi = {
  list: (ref: string, signal?: AbortSignal) =>
    api<Page<Indicator>>(`${at(ref)}/indicators`, { signal }).then(items),
  add: (ref: string, input: { type: string; value: string; description?: string }) =>
    api<Indicator & { created: boolean }>(`${at(ref)}/indicators`, { json: input }),
};

export const rolesApi = {
  list: (ref: string, signal?: AbortSignal) =>
    api<Page<RoleAssignment>>(`${at(ref)}/roles`, { signal }).then(items),
  assign: (ref: string, input: { role: string; person: string; additional?: boolean }) =>
    api<RoleAssignment>(`${at(ref)}/roles`, { json: input }),
  release: (ref: string, assignmentId: string) =>
    api<RoleAssignment>(`${at(ref)}/roles/${encodeURIComponent(assignmentId)}/release`, {
      json: {},
    }),
};

export const assetsApi = {
  list: (ref: string, signal?: AbortSignal) =>
    api<Page<Asset>>(`${at(ref)}/assets`, { signal }).then(items),
  put: (ref: string, assets: { name: string; kind?: string; status: string }[]) =>
    api<Page<Asset>>(`${at(ref)}/assets`, { method: "PUT", json: { assets } }).then(items),
};
