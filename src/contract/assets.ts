import { z } from "zod";
import { ASSET_STATUSES } from "../domain/incident/asset-status.js";
import { endpoint, Time, whole } from "./endpoint.js";
import { IncidentRef, onIncident } from "./on-incident.js";

/** An incident's affected assets and their compromise status. */

const AssetSchema = z.object({
  id: z.string(),
  incident_id: z.string(),
  name: z.string(),
  kind: z.string(),
  status: z.string(),
  updated_at: Time,
});

const AssetChange = z.strictObject({
  name: z.string().max(300),
  kind: z.string().max(40).optional().describe("host (default), server, account, service, …"),
  status: z.enum(ASSET_STATUSES),
  note: z.string().max(2000).optional(),
});

export const assets = {
  list: endpoint({
    method: "GET",
    path: "/incidents/:id/assets",
    params: IncidentRef,
    response: whole(AssetSchema),
  }),
  put: endpoint({
    method: "PUT",
    path: "/incidents/:id/assets",
    description:
      "Adds or updates assets by name (case-insensitive); assets not listed stay as they are. Each change is an asset.updated timeline entry. Answers every asset of the incident.",
    ...onIncident,
    body: z.strictObject({ assets: z.array(AssetChange).min(1).max(1000) }),
    response: whole(AssetSchema),
  }),
};

export type AssetView = z.output<typeof AssetSchema>;
export type AssetChangeInput = z.input<typeof AssetChange>;
