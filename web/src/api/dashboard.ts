import { dashboard } from "../../../src/contract/dashboard";
import { client } from "./client";

/** The dashboard's one request (`src/contract/dashboard.ts`). */

export type { DashboardView as Dashboard } from "../../../src/contract/dashboard";

export const dashboardApi = {
  get: (signal?: AbortSignal) => client.call(dashboard.get, {}, { signal }),
};
