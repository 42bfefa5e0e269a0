import { type Dashboard, dashboardApi } from "../../api/dashboard";
import { usePolling } from "../../hooks/use-polling";
import { useResource } from "../../hooks/use-resource";

const REFRESH_MS = 30_000;

/**
 * What the dashboard shows, in one request however many incidents are open (`GET
 * /api/v1/dashboard`): the open incidents, the latest activity across them, overdue tasks and the
 * signed-in person's own tasks. Refreshed every 30 seconds.
 */
export function useDashboard() {
  const resource = useResource<Dashboard>((signal) => dashboardApi.get(signal), []);
  usePolling(resource.reload, REFRESH_MS);
  return resource;
}
