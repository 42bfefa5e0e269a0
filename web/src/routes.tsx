import { lazy, type ReactNode, Suspense } from "react";
import type { DocumentKind } from "./api/documents";
import { Loading } from "./components/loading";
import { ActionItemList } from "./pages/action-items/action-item-list";
import { AlertDetail } from "./pages/alerts/alert-detail";
import { AlertList } from "./pages/alerts/alert-list";
import { Dashboard } from "./pages/dashboard/dashboard";
import { DiffPage } from "./pages/documents/diff-page";
import { DocumentsPage } from "./pages/documents/documents-page";
import { SourcePage } from "./pages/documents/source-page";
import { UploadPage } from "./pages/documents/upload-page";
import { VersionsPage } from "./pages/documents/versions-page";
import { IncidentRoom } from "./pages/incident-room/incident-room";
import { DeclareIncident } from "./pages/incidents/declare-incident";
import { IncidentList } from "./pages/incidents/incident-list";
import { PlanPage } from "./pages/plan/plan-page";
import { ProblemList } from "./pages/problems/problem-list";
import { ProblemPage } from "./pages/problems/problem-page";
import { ProcedureList } from "./pages/procedures/procedure-list";
import { ProcedurePage } from "./pages/procedures/procedure-page";
import { ReportList } from "./pages/reports/report-list";

// The charting library is large: only the metrics screen loads it.
const MetricsPage = lazy(() => import("./pages/metrics/metrics-page"));

type Params = Record<string, string>;

export interface Route {
  pattern: string;
  render: (params: Params) => ReactNode;
}

const kind = (p: Params) => (p.kind === "plan" ? "plan" : "procedure") as DocumentKind;

/** Every screen and its address; a new screen is one entry here and a folder in pages/. */
export const ROUTES: Route[] = [
  { pattern: "/", render: () => <Dashboard /> },
  { pattern: "/incidents", render: () => <IncidentList /> },
  { pattern: "/incidents/new", render: () => <DeclareIncident /> },
  {
    pattern: "/incidents/:id",
    render: (p) => <IncidentRoom key={p.id} incidentRef={p.id ?? ""} />,
  },
  { pattern: "/plan", render: () => <PlanPage /> },
  { pattern: "/procedures", render: () => <ProcedureList /> },
  { pattern: "/procedures/:id", render: (p) => <ProcedurePage procedureId={p.id ?? ""} /> },
  { pattern: "/documents", render: () => <DocumentsPage /> },
  { pattern: "/documents/upload", render: () => <UploadPage /> },
  {
    pattern: "/documents/:kind/:id",
    render: (p) => <VersionsPage kind={kind(p)} docId={p.id ?? ""} />,
  },
  {
    pattern: "/documents/:kind/:id/diff",
    render: (p) => <DiffPage kind={kind(p)} docId={p.id ?? ""} />,
  },
  {
    pattern: "/documents/:kind/:id/source",
    render: (p) => <SourcePage kind={kind(p)} docId={p.id ?? ""} />,
  },
  { pattern: "/alerts", render: () => <AlertList /> },
  { pattern: "/alerts/:id", render: (p) => <AlertDetail key={p.id} alertId={p.id ?? ""} /> },
  { pattern: "/problems", render: () => <ProblemList /> },
  { pattern: "/problems/:id", render: (p) => <ProblemPage key={p.id} problemId={p.id ?? ""} /> },
  { pattern: "/action-items", render: () => <ActionItemList /> },
  { pattern: "/reports", render: () => <ReportList /> },
  {
    pattern: "/metrics",
    render: () => (
      <Suspense fallback={<Loading what="Loading charts" />}>
        <MetricsPage />
      </Suspense>
    ),
  },
];
