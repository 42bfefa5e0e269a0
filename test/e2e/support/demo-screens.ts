import type { Page } from "playwright-core";
import { loadDemo } from "../../../src/demo/scenario.js";
import { listProblems } from "../../../src/response/problem.service.js";
import type { Runtime } from "../../../src/runtime.js";

export interface Screen {
  name: string;
  path: string;
  /** What must be on screen before the page is looked at. */
  ready: (page: Page) => Promise<unknown>;
}

export const h1 = (name: string | RegExp) => (page: Page) =>
  page.getByRole("heading", { level: 1, name }).waitFor();

/**
 * Loads the demo scenario (`firebreak demo`) and lists every main screen over it: the screens
 * test photographs them, the accessibility test runs axe-core on them.
 */
export async function demoScreens(rt: Runtime): Promise<Screen[]> {
  const demo = await loadDemo(rt);
  const incident = (phase: string) => {
    const found = demo.incidents.find((i) => i.phase === phase);
    if (!found) throw new Error(`the demo has no incident in ${phase}`);
    return `/incidents/${found.human_id}`;
  };
  const room = incident("containment");
  const closed = `/incidents/${demo.reports[0]?.incident}`;
  // The alert in triage whose events carry the longest unbroken text (a Windows path).
  const alert = (await rt.detection.alerts.list({ triage: true }, 10)).items.find((a) =>
    a.title.startsWith("PowerShell"),
  );
  const problem = (await listProblems(rt, {})).items[0];
  return [
    {
      name: "dashboard",
      path: "/",
      ready: (p) => p.locator(".severity-phase, .grid-table").first().waitFor(),
    },
    {
      name: "incidents",
      path: "/incidents?state=all",
      ready: (p) => p.locator(".incident-table").waitFor(),
    },
    { name: "declare", path: "/incidents/new", ready: h1("Declare an incident") },
    {
      name: "incident-room",
      path: room,
      ready: (p) => p.locator(".live-indicator.live-live").waitFor(),
    },
    {
      name: "incident-unacknowledged",
      path: incident("detection"),
      ready: (p) => p.locator(".live-indicator.live-live").waitFor(),
    },
    {
      name: "incident-evidence",
      path: `${room}?tab=evidence`,
      ready: (p) => p.getByText("Invoice_88231.docm").first().waitFor(),
    },
    {
      name: "incident-indicators",
      path: `${room}?tab=indicators`,
      ready: (p) => p.getByText("198.51.100.23").waitFor(),
    },
    {
      name: "incident-assets",
      path: `${room}?tab=assets`,
      ready: (p) => p.getByText("exchange-online").first().waitFor(),
    },
    {
      name: "incident-people",
      path: `${room}?tab=people`,
      ready: (p) => p.locator(".room-panel").getByText("Amara Okafor").first().waitFor(),
    },
    {
      name: "incident-comms",
      path: `${room}?tab=comms`,
      ready: (p) => p.getByRole("heading", { name: "Update cadence" }).waitFor(),
    },
    {
      name: "incident-clocks",
      path: `${room}?tab=clocks`,
      ready: (p) =>
        p
          .getByText(/GDPR Art\. 33/)
          .first()
          .waitFor(),
    },
    {
      name: "alerts",
      path: "/alerts",
      ready: (p) => p.locator(".alert-table").first().waitFor(),
    },
    {
      name: "alert",
      path: `/alerts/${alert?.id}`,
      ready: (p) => p.getByRole("heading", { name: /Events behind it/ }).waitFor(),
    },
    {
      name: "problems",
      path: "/problems",
      ready: (p) => p.getByText("Macro-enabled Office attachments").first().waitFor(),
    },
    {
      name: "problem",
      path: `/problems/${problem?.human_id}`,
      ready: (p) => p.getByRole("heading", { name: "Incidents" }).waitFor(),
    },
    {
      name: "plan",
      path: "/plan",
      ready: (p) => p.getByRole("heading", { level: 2, name: "Severity scale" }).waitFor(),
    },
    { name: "procedures", path: "/procedures", ready: h1("Procedures") },
    { name: "procedure", path: "/procedures/ransomware", ready: h1("Ransomware") },
    { name: "documents", path: "/documents", ready: (p) => p.getByText("No findings").waitFor() },
    {
      name: "versions",
      path: "/documents/procedure/ransomware",
      ready: h1("Versions of procedure ransomware"),
    },
    {
      name: "diff",
      path: "/documents/procedure/ransomware/diff?from=1&to=2",
      ready: (p) => p.locator(".diff-added", { hasText: "target: PT15M" }).waitFor(),
    },
    {
      name: "incident-post-incident",
      path: `${closed}?tab=postincident`,
      ready: (p) => p.getByText("Root cause", { exact: true }).waitFor(),
    },
    {
      name: "incident-reports",
      path: `${closed}?tab=reports`,
      ready: (p) => p.locator(".record-list a", { hasText: "After-action" }).first().waitFor(),
    },
    { name: "action-items", path: "/action-items", ready: (p) => p.locator("table").waitFor() },
    { name: "reports", path: "/reports", ready: h1("Reports") },
    {
      name: "metrics",
      path: "/metrics",
      ready: (p) => p.locator(".chart svg").first().waitFor(),
    },
  ];
}
