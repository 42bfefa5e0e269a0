import { sql } from "kysely";
import type { AuditStore } from "./audit/audit.types.js";
import type { AccountLinkStore, SetupCodeStore } from "./auth/account-link.types.js";
import type { IdentityStore } from "./auth/identity.types.js";
import type { OidcStore } from "./auth/oidc.types.js";
import { createChannels } from "./comms/channels/channels.js";
import type { Env } from "./comms/channels/target.js";
import type { CommsStores } from "./comms/comms.deps.js";
import { type CommsJobParts, commsJobs, resumeComms } from "./comms/comms.worker.js";
import type { NotificationStore } from "./comms/notification.types.js";
import { observeIncidents, reactToChange } from "./comms/reactions.js";
import { type Config, ConfigError } from "./config.js";
import { Detection } from "./detection/detection.js";
import { retentionJob } from "./detection/retention.js";
import { type ImportResult, importDocuments } from "./documents/document.service.js";
import type { DocumentStore } from "./documents/document.types.js";
import { loadLibrary } from "./documents/library.js";
import { type Actor, systemActor } from "./domain/actor.js";
import { type Clock, systemClock } from "./domain/clock.js";
import type { IndicatorTagStore } from "./exchange/exchange.types.js";
import type { JobStore } from "./jobs/job.types.js";
import { createJobRegistry, type JobRegistry, startRegistryWorker } from "./jobs/registry.js";
import { jobRetentionJob } from "./jobs/retention.js";
import type { JobLog, JobWorker } from "./jobs/worker.js";
import type { OperationsStore } from "./operations/operations.types.js";
import type { ActionItemStore, PostIncidentStore } from "./postincident/postincident.types.js";
import { preparationJobs } from "./preparation/preparation.jobs.js";
import type { PreparationStores } from "./preparation/preparation.types.js";
import type { SettingsStore } from "./preparation/settings.types.js";
import type { ReportStore } from "./reports/report.types.js";
import type { AttackStore } from "./response/attack.types.js";
import type { ChangeStore } from "./response/change.types.js";
import type { DashboardStore } from "./response/dashboard.types.js";
import type { EvidenceFiles } from "./response/evidence-file.types.js";
import type { IncidentStore } from "./response/incident.types.js";
import type { IndicatorIndex } from "./response/indicator.types.js";
import type { ProblemStore } from "./response/problem.types.js";
import type { SearchIndex } from "./response/search.types.js";
import { accountLinkRepo, setupCodeRepo } from "./store/account-link.repo.js";
import { actionItemRepo } from "./store/action-item.repo.js";
import { detectionStores } from "./store/alert.repo.js";
import { attackRepo } from "./store/attack.repo.js";
import { auditRepo } from "./store/audit.repo.js";
import { changeRepo } from "./store/change.repo.js";
import { commsStores } from "./store/comms-stores.js";
import { type Db, migrate, openDatabase, sqliteFileIn } from "./store/connect.js";
import { dashboardRepo } from "./store/dashboard.repo.js";
import { documentRepo } from "./store/document.repo.js";
import { evidenceBlobStore } from "./store/evidence-blob.js";
import { exerciseRunRepo } from "./store/exercise-run.repo.js";
import { identityRepo } from "./store/identity.repo.js";
import { incidentRepo } from "./store/incident.repo.js";
import { indicatorRepo } from "./store/indicator.repo.js";
import { indicatorTagRepo } from "./store/indicator-tag.repo.js";
import { jobRepo } from "./store/job.repo.js";
import { notificationRepo } from "./store/notification.repo.js";
import { oidcRepo } from "./store/oidc.repo.js";
import { operationsRepo } from "./store/operations.repo.js";
import { planReviewRepo } from "./store/plan-review.repo.js";
import { postIncidentRepo } from "./store/postincident.repo.js";
import { completionRepo, eventSampleRepo, snapshotRepo } from "./store/preparation.repo.js";
import { problemRepo } from "./store/problem.repo.js";
import { reportRepo } from "./store/report.repo.js";
import { searchRepo } from "./store/search.repo.js";
import { settingsRepo } from "./store/settings.repo.js";

/**
 * The composition root: one open database and every store the use cases take, built once by
 * `runtimeFor` and frozen. The server, the CLI, the demo and the job handlers all pass a runtime
 * (or the part of it a use case declares) to the use cases; nothing else builds a store.
 */
export interface Runtime extends CommsStores {
  config: Config;
  /** What `${env:NAME}` in channel targets reads (readiness, the checklist, deliveries). */
  env: Env;
  db: Db;
  clock: Clock;
  documents: DocumentStore;
  /** Incidents; every stored change is followed by its reactions (`comms/reactions.ts`). */
  incidents: IncidentStore;
  problems: ProblemStore;
  /** Cross-incident indicator lookup ("has this been seen before?"). */
  indicatorIndex: IndicatorIndex;
  /** Tags on indicators (MISP imports), exported with them (`exchange/`). */
  indicatorTags: IndicatorTagStore;
  /** Full-text search across incidents (`response/search.service.ts`). */
  search: SearchIndex;
  /** The dashboard's bounded reads across open incidents (`response/dashboard.service.ts`). */
  dashboard: DashboardStore;
  /** Durable timers and background jobs (`jobs/`). */
  jobs: JobStore;
  /** The deployment's numbers an operator watches (`operations/`, Prometheus `/metrics`). */
  operations: OperationsStore;
  /** Outgoing notifications and their delivery log (`comms/`). */
  notifications: NotificationStore;
  /** Events, alerts, integrations, the compiled Sigma rules and declaration windows. */
  detection: Detection;
  /** Users, sessions, API tokens, sign-in throttling (`auth/`). */
  identity: IdentityStore;
  /** Invitation and password-reset links (`auth/account-link.service.ts`). */
  accountLinks: AccountLinkStore;
  /** Single sign-on: sign-ins under way and linked provider accounts (`auth/oidc.service.ts`). */
  oidc: OidcStore;
  /** The one-time setup code that creates the first admin (`auth/setup.service.ts`). */
  setupCode: SetupCodeStore;
  /** The hash-chained audit log (`audit/`). */
  audit: AuditStore;
  /** Root-cause analyses and lessons (`postincident/`). */
  postincident: PostIncidentStore;
  /** Follow-up actions from incidents, RCAs and exercises (`postincident/`). */
  actionItems: ActionItemStore;
  /** Generated reports, kept as they were sent (`reports/`). */
  reports: ReportStore;
  /** Review completions, plan reviews, snapshots, exercise runs, event samples (`preparation/`). */
  preparation: PreparationStores;
  /** Deployment-wide settings an admin changes (the first-run checklist's dismissal). */
  settings: SettingsStore;
  /** What incidents' ATT&CK techniques are derived from (alerts' tags, hand-made changes). */
  attack: AttackStore;
  /** Change events (deploys, configuration pushes) and the names they touch (`response/`). */
  changes: ChangeStore;
  /** Evidence files: their content-addressed bytes and the largest accepted (`response/`). */
  evidenceFiles: EvidenceFiles;
  close(): Promise<void>;
}

export function runtimeFor(
  config: Config,
  db: Db,
  clock: Clock = systemClock,
  env: Env = process.env,
): Runtime {
  const detection = new Detection(detectionStores(db), config);
  const rt: Runtime = Object.freeze({
    config,
    env,
    db,
    clock,
    documents: documentRepo(db),
    // Escalation, update cadence and clock reminders follow every stored incident change.
    incidents: observeIncidents(incidentRepo(db), (incident, entries) =>
      reactToChange(rt, incident, entries),
    ),
    problems: problemRepo(db),
    indicatorIndex: indicatorRepo(db),
    indicatorTags: indicatorTagRepo(db),
    search: searchRepo(db),
    dashboard: dashboardRepo(db),
    jobs: jobRepo(db),
    operations: operationsRepo(db),
    notifications: notificationRepo(db),
    detection,
    identity: identityRepo(db),
    accountLinks: accountLinkRepo(db),
    oidc: oidcRepo(db),
    setupCode: setupCodeRepo(db),
    audit: auditRepo(db),
    ...commsStores(db),
    postincident: postIncidentRepo(db),
    actionItems: actionItemRepo(db),
    reports: reportRepo(db),
    preparation: {
      completions: completionRepo(db),
      reviews: planReviewRepo(db),
      snapshots: snapshotRepo(db),
      runs: exerciseRunRepo(db),
      eventSamples: eventSampleRepo(db),
    },
    settings: settingsRepo(db),
    evidenceFiles: {
      blobs: evidenceBlobStore(db, config.dataDir),
      maxBytes: config.evidenceMaxBytes,
    },
    attack: attackRepo(db),
    changes: changeRepo(db),
    close: async () => {
      await detection.close();
      await db.close();
    },
  });
  return rt;
}

/** Opens the configured database and applies pending migrations. */
export async function openRuntime(config: Config, clock: Clock = systemClock): Promise<Runtime> {
  const db = openDatabase(
    config.databaseUrl ? { url: config.databaseUrl } : { sqliteFile: sqliteFileIn(config.dataDir) },
  );
  try {
    await sql`select 1`.execute(db.kysely);
  } catch (e) {
    await db.close();
    const setting = config.databaseUrl
      ? `DATABASE_URL (${db.location})`
      : `FIREBREAK_DATA_DIR (${config.dataDir})`;
    throw new ConfigError([`${setting}: database unreachable: ${(e as Error).message}`]);
  }
  try {
    await migrate(db);
  } catch (e) {
    await db.close();
    throw e;
  }
  const rt = runtimeFor(config, db, clock);
  try {
    // Alert repeats a process journaled and could not count before it stopped (a crash).
    await rt.detection.events.flushRepeats();
  } catch (e) {
    await db.close();
    throw e;
  }
  return rt;
}

/**
 * The first start: loads the configured library into a database that holds no document yet,
 * in force at once (there is no plan in force whose approvers could approve it). Any later start
 * writes nothing (undefined): changing what is in force takes `firebreak library sync` and an
 * approval. Two processes starting on one empty database (two nodes, a CLI command and a
 * starting server): the store lets one first load in, the other finds the library loaded and
 * stores nothing.
 */
export async function loadLibraryIfEmpty(rt: Runtime): Promise<ImportResult | undefined> {
  if (!(await rt.documents.isEmpty())) return undefined;
  const load = await loadLibrary(rt.config.library);
  try {
    return await importDocuments(rt.documents, load, systemActor("library"), rt.clock, "first");
  } catch (e) {
    // Another process loaded a library since the check: this one writes nothing, not drafts.
    if (!(await rt.documents.isEmpty())) return undefined;
    throw e;
  }
}

/**
 * `firebreak library sync`: reads the configured library folders and stores every document
 * whose text was never stored as a new draft (or, into an empty database, the first load).
 */
export async function syncLibrary(rt: Runtime, actor: Actor): Promise<ImportResult> {
  const load = await loadLibrary(rt.config.library);
  return importDocuments(rt.documents, load, actor, rt.clock, "sync");
}

/** A library document whose text is not the one in force, and what the database has of it. */
export type LibraryDifference = {
  document: string;
  /** `not stored`, `draft vN` (stored, not approved), `vN, no longer in force`. */
  library: string;
  in_force: number | null;
};

/** What the configured library holds that differs from what is in force (nothing is stored). */
export async function libraryDifferences(rt: Runtime): Promise<LibraryDifference[]> {
  const load = await loadLibrary(rt.config.library);
  const out: LibraryDifference[] = [];
  for (const doc of load.documents) {
    const inForce = await rt.documents.get(doc.kind, doc.id);
    if (inForce?.hash === doc.hash) continue;
    const stored = (await rt.documents.versions(doc.kind, doc.id)).find((v) => v.hash === doc.hash);
    const states = stored ? await rt.documents.states(doc.kind, doc.id) : [];
    out.push({
      document: `${doc.kind}/${doc.id}`,
      library: !stored
        ? "not stored"
        : states.some((s) => s.version === stored.version)
          ? `v${stored.version}, no longer in force`
          : `draft v${stored.version}`,
      in_force: inForce?.version ?? null,
    });
  }
  return out;
}

/**
 * Every job kind with its handler and schedule, over a runtime: the one list a worker runs
 * (`jobs/registry.ts` refuses it unless it covers every kind of `jobs/job-kinds.ts`).
 */
export function jobRegistryFor(
  rt: Runtime,
  parts: CommsJobParts,
  options: { firstSyncMs?: number } = {},
): JobRegistry {
  return createJobRegistry([
    ...commsJobs(rt, parts),
    ...preparationJobs(rt, options),
    retentionJob(rt),
    jobRetentionJob(rt),
  ]);
}

export interface JobWorkerSettings {
  /** Base URL for links in messages (see `linkBaseFor`). */
  linkBase: string;
  log?: JobLog & { info?(obj: object, msg: string): void };
  /** What `${env:NAME}` in channel targets reads; default the runtime's (`process.env`). */
  env?: Env;
  pollMs?: number;
  leaseMs?: number;
  concurrency?: number;
}

/** A started worker and how to stop it. */
export interface RunningWorker {
  worker: JobWorker;
  /** Stops claiming jobs, waits for running handlers, closes the transports. */
  stop(): Promise<void>;
}

/**
 * Starts the timer worker of `serve` from the job registry: pages, deliveries, reminders,
 * exercise injects, the hourly preparation sync and the event retention purge. Before it polls
 * it repairs what a crash may have left (`resumeComms`) and schedules the recurring jobs once;
 * both are safe on every node.
 */
export async function startJobWorker(
  rt: Runtime,
  settings: JobWorkerSettings,
): Promise<RunningWorker> {
  const channels = createChannels(rt.config);
  try {
    const env = settings.env ?? rt.env;
    const registry = jobRegistryFor(rt, { channels, env, linkBase: settings.linkBase });
    const resumed = await resumeComms(rt);
    const worker = await startRegistryWorker(registry, {
      store: rt.jobs,
      clock: rt.clock,
      log: settings.log,
      pollMs: settings.pollMs,
      leaseMs: settings.leaseMs,
      concurrency: settings.concurrency,
    });
    settings.log?.info?.({ resumed, workerId: worker.workerId }, "timer worker started");
    return {
      worker,
      async stop() {
        await worker.stop();
        await channels.close();
      },
    };
  } catch (e) {
    await channels.close();
    throw e;
  }
}
