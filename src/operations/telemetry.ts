import { Counter, Gauge, Histogram, Registry } from "prom-client";
import type { Clock } from "../domain/clock.js";
import type { OperationsStore } from "./operations.types.js";

/**
 * The Prometheus metrics of one process (docs/operations.md#metrics). Counters and the latency
 * histogram are this process's own (sum them across nodes); the gauges read from the database
 * at each scrape are the deployment's (take the max across nodes).
 */
export class Telemetry {
  readonly registry = new Registry();
  readonly eventsReceived = new Counter({
    name: "firebreak_events_received_total",
    help: "Events received in batches (POST /api/v1/events), stored or not",
    registers: [this.registry],
  });
  readonly eventsRejected = new Counter({
    name: "firebreak_events_rejected_total",
    help: "Events refused (malformed, too deep, too many values)",
    registers: [this.registry],
  });
  readonly eventsEvaluated = new Counter({
    name: "firebreak_events_evaluated_total",
    help: "Events stored and evaluated against the rules",
    registers: [this.registry],
  });
  readonly eventAlerts = new Counter({
    name: "firebreak_event_alerts_total",
    help: "Alerts raised or sighted again by event batches",
    registers: [this.registry],
  });
  readonly requestSeconds = new Histogram({
    name: "firebreak_http_request_duration_seconds",
    help: "Time to answer an HTTP request, by route template and status class",
    labelNames: ["method", "route", "status"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  constructor(operations: OperationsStore, clock: Clock) {
    let snapshot: ReturnType<OperationsStore["snapshot"]> | undefined;
    // One database read per scrape, shared by the gauges that collect from it.
    const read = () => {
      snapshot ??= operations.snapshot(clock.now().toISOString()).finally(() => {
        snapshot = undefined;
      });
      return snapshot;
    };
    const gauge = (
      name: string,
      help: string,
      labelNames: string[],
      set: (g: Gauge<string>, s: Awaited<ReturnType<typeof read>>) => void,
    ) =>
      new Gauge({
        name,
        help,
        labelNames,
        registers: [this.registry],
        async collect() {
          this.reset();
          set(this, await read());
        },
      });
    gauge("firebreak_incidents", "Incidents by phase (the deployment's)", ["phase"], (g, s) => {
      for (const [phase, n] of Object.entries(s.incidentsByPhase)) g.set({ phase }, n);
    });
    gauge("firebreak_jobs", "Timer and background jobs waiting or running", ["status"], (g, s) => {
      g.set({ status: "pending" }, s.jobs.pending);
      g.set({ status: "running" }, s.jobs.running);
    });
    gauge(
      "firebreak_timer_lateness_seconds",
      "How long the oldest due job has waited past its due time (0: none waiting)",
      [],
      (g, s) => {
        const late = s.oldestDueAt ? clock.now().getTime() - Date.parse(s.oldestDueAt) : 0;
        g.set(Math.max(0, late) / 1000);
      },
    );
    gauge(
      "firebreak_notifications_failed",
      "Notifications given up as failed, by channel kind (the deployment's)",
      ["channel_kind"],
      (g, s) => {
        for (const [kind, n] of Object.entries(s.failedNotifications))
          g.set({ channel_kind: kind }, n);
      },
    );
  }

  /** The exposition text, read at scrape time. */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
