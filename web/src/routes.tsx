import { type ComponentType, lazy, type ReactNode, Suspense } from "react";
import type { DocumentKind } from "./api/documents";
import { Loading } from "./components/loading";
import { ActionItemList } from "./pages/action-items/action-item-list";
import { AlertList } from "./pages/alerts/alert-list";
import { Dashboard } from "./pages/dashboard/dashboard";
import { DocumentsPage } from "./pages/documents/documents-page";
import { SourcePage } from "./pages/documents/source-page";
import { UploadPage } from "./pages/documents/upload-page";
import { VersionsPage } from "./pages/documents/versions-page";
import { GetStartedPage } from "./pages/get-started/get-started-page";
import { DeclareIncident } from "./pages/incidents/declare-incident";
import { IncidentList } from "./pages/incidents/incident-list";
import { ProblemList } from "./pages/problems/problem-list";
import { ProcedureList } from "./pages/procedures/procedure-list";
import { ReportList } from "./pages/reports/report-list";
import { SearchPage } from "./pages/search/search-page";

/**
 * A screen fetched when it is first shown (a chunk of its own), so that the first page's script
 * stays small (docs/web.md, the bundle budget); app.tsx shows "Loading" meanwhile.
 */
function screen<K extends string, P>(load: () => Promise<Record<K, ComponentType<P>>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}

// The incident room, the plan, procedures and problems render Markdown (markdown-it); the diff
// page carries the diff library: none of them is the first page.
const IncidentRoom = screen(() => import("./pages/incident-room/incident-room"), "IncidentRoom");
const PlanPage = screen(() => import("./pages/plan/plan-page"), "PlanPage");
// The plan editor carries the YAML library.
const PlanEditor = screen(() => import("./pages/plan-editor/plan-editor"), "PlanEditor");
const ProcedurePage = screen(() => import("./pages/procedures/procedure-page"), "ProcedurePage");
const DiffPage = screen(() => import("./pages/documents/diff-page"), "DiffPage");
const ProblemPage = screen(() => import("./pages/problems/problem-page"), "ProblemPage");
const AlertDetail = screen(() => import("./pages/alerts/alert-detail"), "AlertDetail");
// Administration and the token page are seldom opened.
const UsersPage = screen(() => import("./pages/admin/users-page"), "UsersPage");
const IntegrationsPage = screen(
  () => import("./pages/admin/integrations-page"),
  "IntegrationsPage",
);
const TokensPage = screen(() => import("./pages/account/tokens-page"), "TokensPage");
const AccountPage = screen(() => import("./pages/account/account-page"), "AccountPage");

// The charting library is large: only the metrics screen loads it.
const MetricsPage = lazy(() => import("./pages/metrics/metrics-page"));
// So is CodeMirror: only the YAML editor loads it.
const EditorPage = lazy(() => import("./pages/documents/editor/editor-page"));

type Params = Record<string, string>;

export interface Route {
  pattern: string;
  render: (params: Params) => ReactNode;
}

const kind = (p: Params) => (p.kind === "plan" ? "plan" : "procedure") as DocumentKind;

/** Every screen and its address; a new screen is one entry here and a folder in pages/. */
export const ROUTES: Route[] = [
  { pattern: "/", render: () => <Dashboard /> },
  { pattern: "/get-started", render: () => <GetStartedPage /> },
  { pattern: "/incidents", render: () => <IncidentList /> },
  { pattern: "/incidents/new", render: () => <DeclareIncident /> },
  { pattern: "/search", render: () => <SearchPage /> },
  {
    pattern: "/incidents/:id",
    render: (p) => <IncidentRoom key={p.id} incidentRef={p.id ?? ""} />,
  },
  { pattern: "/plan", render: () => <PlanPage /> },
  { pattern: "/plan/edit", render: () => <PlanEditor /> },
  { pattern: "/procedures", render: () => <ProcedureList /> },
  { pattern: "/procedures/:id", render: (p) => <ProcedurePage procedureId={p.id ?? ""} /> },
  { pattern: "/documents", render: () => <DocumentsPage /> },
  { pattern: "/documents/upload", render: () => <UploadPage /> },
  {
    pattern: "/documents/:kind/:id",
    render: (p) => <VersionsPage kind={kind(p)} docId={p.id ?? ""} />,
  },
  {
    pattern: "/documents/:kind/:id/edit",
    render: (p) => (
      <Suspense fallback={<Loading what="Loading the editor" />}>
        <EditorPage key={`${p.kind}/${p.id}`} kind={kind(p)} docId={p.id ?? ""} />
      </Suspense>
    ),
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
  { pattern: "/admin/users", render: () => <UsersPage /> },
  { pattern: "/admin/integrations", render: () => <IntegrationsPage /> },
  { pattern: "/account", render: () => <AccountPage /> },
  { pattern: "/account/tokens", render: () => <TokensPage /> },
  {
    pattern: "/metrics",
    render: () => (
      <Suspense fallback={<Loading what="Loading charts" />}>
        <MetricsPage />
      </Suspense>
    ),
  },
];
