import type { Config } from "../config.js";
import type { DocumentStore } from "../documents/document.types.js";
import type { ResponseDeps } from "../response/deps.js";
import type { AlertStore, EventStore, IntegrationStore, SuppressionStore } from "./alert.types.js";
import type { ClusterStore } from "./cluster.types.js";
import { cachedDocuments } from "./document-cache.js";
import { DeclarationWindows } from "./policy/window.js";
import { compileDetectionRules, type DetectionRules } from "./rules.js";

/** The stores detection works on. */
export interface DetectionStores {
  events: EventStore;
  alerts: AlertStore;
  integrations: IntegrationStore;
  suppressions: SuppressionStore;
  /** Present on PostgreSQL: windows and declarations shared by every node on the database. */
  cluster?: ClusterStore | undefined;
}

/**
 * The detection pipeline's long-lived state in one process: its stores, the Sigma rules
 * (compiled once, on first use or at `serve` start), the declaration windows, and the lock that
 * makes declaration decisions one at a time (two batches about the same host must not both
 * declare an incident).
 */
export class Detection implements DetectionStores {
  readonly events: EventStore;
  readonly alerts: AlertStore;
  readonly integrations: IntegrationStore;
  readonly suppressions: SuppressionStore;
  readonly cluster: ClusterStore | undefined;
  readonly windows = new DeclarationWindows();
  private compiled: DetectionRules | undefined;
  private documentCache: { store: DocumentStore; cached: DocumentStore } | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    stores: DetectionStores,
    private readonly config: Pick<Config, "library" | "rules">,
  ) {
    this.events = stores.events;
    this.alerts = stores.alerts;
    this.integrations = stores.integrations;
    this.suppressions = stores.suppressions;
    this.cluster = stores.cluster;
  }

  /** The compiled rules; compiles them on first call. */
  rules(): DetectionRules {
    this.compiled ??= compileDetectionRules(this.config);
    return this.compiled;
  }

  /** The documents in force, reused for a second (see `cachedDocuments`). */
  documents(store: DocumentStore): DocumentStore {
    if (store === this.documentCache?.cached) return store;
    if (this.documentCache?.store !== store)
      this.documentCache = { store, cached: cachedDocuments(store) };
    return this.documentCache.cached;
  }

  /** Runs `work` after every earlier serial work has finished (a process-wide mutex). */
  serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

/** What detection use cases take: the response deps (to declare incidents) and detection. */
export interface DetectionDeps extends ResponseDeps {
  detection: Detection;
  config: Config;
}

/** The deps with the detection pipeline's cached view of the documents in force. */
export function pipelineDeps<D extends DetectionDeps>(deps: D): D {
  return { ...deps, documents: deps.detection.documents(deps.documents) };
}
