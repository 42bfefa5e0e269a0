import type { StoredEvent } from "./alert.types.js";
import type { ClusterStore } from "./cluster.types.js";
import type { NormalizedEvent } from "./events/index.js";
import { correlateShared } from "./sigma/correlation-shared.js";
import type { CorrelationInput, ProcessResult, SigmaEngine } from "./sigma/engine.js";

/**
 * Ingestion with several nodes on one PostgreSQL database: events are matched here as on one
 * node, but what they give the correlation windows is collected and applied to the windows
 * every node shares (sigma/correlation-shared.ts) once the batch is matched.
 */
export class ClusterCorrelation {
  readonly #inputs: CorrelationInput[] = [];

  constructor(
    private readonly cluster: ClusterStore,
    private readonly engine: SigmaEngine,
  ) {}

  /** `engine.process` without the in-memory windows: the correlations come from `correlate`. */
  match(event: NormalizedEvent, opts: { ref: string; time: number | null }): ProcessResult {
    const { matches, correlation } = this.engine.matchEvent(event, opts);
    if (correlation && correlation.hits.length > 0) this.#inputs.push(correlation);
    return { matches, correlations: [] };
  }

  /** Adds the shared windows' correlations to the results of the events that completed them. */
  async correlate(hits: { event: StoredEvent; result: ProcessResult }[], events: StoredEvent[]) {
    if (this.#inputs.length === 0) return;
    const fired = await correlateShared(this.engine.correlationRules, this.#inputs, this.cluster);
    if (fired.length === 0) return;
    const byEvent = new Map(hits.map((h) => [h.event.id, h]));
    for (const { match, by } of fired) {
      let hit = byEvent.get(by as string);
      if (!hit) {
        const event = events.find((e) => e.id === by);
        if (!event) continue;
        hit = { event, result: { matches: [], correlations: [] } };
        hits.push(hit);
        byEvent.set(event.id, hit);
      }
      hit.result.correlations.push(match);
    }
  }
}
