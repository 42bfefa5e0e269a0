import type { Actor } from "../domain/actor.js";
import { type ErrorDetail, invalidInput } from "../domain/errors.js";
import { ASSET_STATUSES, type AssetStatus } from "../domain/incident/asset-status.js";
import type { Asset, NewTimelineEntry } from "../domain/incident/model.js";
import { newRowId } from "../domain/row-id.js";
import type { ResponseDeps } from "./deps.js";
import { getIncident } from "./incident.service.js";
import { changeIncident, refuseMerged } from "./incident-change.js";

export { ASSET_STATUSES, type AssetStatus };

export interface AssetInput {
  /** Host name, account, service or other identifier; matched case-insensitively. */
  name: string;
  /** What sort of asset (host, server, account, service, database, …); defaults to host. */
  kind?: string;
  status: string;
  /** Why the status changed; kept on the timeline. */
  note?: string;
}

const KIND = /^[a-z][a-z0-9_-]{0,39}$/;

function validate(inputs: AssetInput[]): AssetInput[] {
  const details: ErrorDetail[] = [];
  const at = (i: number, field: string) => (inputs.length > 1 ? `assets[${i}].${field}` : field);
  const seen = new Set<string>();
  const out = inputs.map((input, i) => {
    const name = typeof input.name === "string" ? input.name.trim() : "";
    if (!name || name.length > 300)
      details.push({
        message: "an asset needs a name of 1 to 300 characters",
        path: at(i, "name"),
      });
    if (seen.has(name.toLowerCase()))
      details.push({ message: `asset '${name}' is listed twice`, path: at(i, "name") });
    seen.add(name.toLowerCase());
    if (!(ASSET_STATUSES as readonly string[]).includes(input.status))
      details.push({
        message: `unknown status '${input.status}'; use one of ${ASSET_STATUSES.join(", ")}`,
        path: at(i, "status"),
      });
    if (input.kind !== undefined && !KIND.test(input.kind))
      details.push({
        message: `kind '${input.kind}' must be a short lower-case word such as host, account or service`,
        path: at(i, "kind"),
      });
    return { ...input, name, note: input.note?.trim() || undefined };
  });
  if (details.length > 0)
    throw invalidInput(
      details.length === 1
        ? (details[0] as ErrorDetail).message
        : `${details.length} problems with the assets`,
      details,
    );
  return out;
}

/**
 * Records affected assets and their compromise status, by name: a new name adds an asset, a
 * known one is updated. Each actual change is an `asset.updated` timeline entry with the status
 * it moved from; repeating the current state changes nothing. Returns the incident's assets.
 */
export async function upsertAssets(
  deps: ResponseDeps,
  ref: string,
  inputs: AssetInput[],
  actor: Actor,
  expectedVersion?: number,
): Promise<Asset[]> {
  if (inputs.length === 0) throw invalidInput("give at least one asset");
  const valid = validate(inputs);
  return changeIncident<Asset[]>(deps, ref, actor, expectedVersion, async ({ incident, now }) => {
    refuseMerged(incident);
    const current = await deps.incidents.assets(incident.id);
    const byName = new Map(current.map((a) => [a.name.toLowerCase(), a]));
    const upserts: Asset[] = [];
    const timeline: NewTimelineEntry[] = [];
    for (const input of valid) {
      const existing = byName.get(input.name.toLowerCase());
      const kind = input.kind ?? existing?.kind ?? "host";
      if (existing && existing.status === input.status && existing.kind === kind && !input.note)
        continue;
      const asset: Asset = {
        id: existing?.id ?? newRowId(),
        incident_id: incident.id,
        // The stored spelling wins, so the unique (incident, name) key keeps one row per asset.
        name: existing?.name ?? input.name,
        kind,
        status: input.status,
        updated_at: now.toISOString(),
      };
      byName.set(asset.name.toLowerCase(), asset);
      upserts.push(asset);
      timeline.push({
        kind: "asset.updated",
        actor,
        payload: {
          asset_id: asset.id,
          name: asset.name,
          kind,
          from: existing?.status ?? null,
          to: asset.status,
          ...(input.note ? { note: input.note } : {}),
        },
      });
    }
    const result = [...byName.values()].sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
    if (upserts.length === 0) return { unchanged: result };
    return { result, change: { incident, upsertAssets: upserts, timeline } };
  });
}

/** Adds or updates one asset and returns it. */
export async function upsertAsset(
  deps: ResponseDeps,
  ref: string,
  input: AssetInput,
  actor: Actor,
  expectedVersion?: number,
): Promise<Asset> {
  const assets = await upsertAssets(deps, ref, [input], actor, expectedVersion);
  return assets.find((a) => a.name.toLowerCase() === input.name.trim().toLowerCase()) as Asset;
}

/** The incident's affected assets, by name. */
export async function listAssets(
  deps: ResponseDeps,
  ref: string,
  viewer: Actor | undefined,
): Promise<Asset[]> {
  const incident = await getIncident(deps, ref, viewer);
  return deps.incidents.assets(incident.id);
}
