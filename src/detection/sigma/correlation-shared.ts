/**
 * Correlation windows kept outside the process, for several nodes on one database: the same
 * window semantics as the in-memory engine (correlation-state.ts), but each group's window is
 * read, fed and written back under a lock on that group, so hits arriving on different nodes
 * count in one window and a correlation fires once.
 */
import { consumersOf, matchAsHit } from "./correlation.js";
import {
  type CorrelationHit,
  type CorrelationMatch,
  CorrelationState,
} from "./correlation-state.js";
import type { CorrelationInput } from "./engine.js";
import type { CorrelationRule } from "./types.js";

/** Where groups' windows are kept between events. */
export interface SharedCorrelationGroups {
  /**
   * Runs `change` on a group's window (JSON, undefined when it has none) while holding that
   * group's lock across every node, and keeps what it returns (undefined: no window).
   */
  updateCorrelationGroup(
    correlation: string,
    group: string,
    change: (window: string | undefined) => string | undefined,
  ): Promise<void>;
}

/** A correlation completed, and the ref of the input event whose hit completed it. */
export interface SharedCorrelationMatch {
  match: CorrelationMatch;
  by: unknown;
}

/** Chained correlations deeper than this are not followed (as in the in-memory engine). */
const MAX_DEPTH = 16;

/**
 * Feeds a batch's correlation inputs (in event order) to the shared windows and returns the
 * standalone correlations completed, each with the ref of the event that completed it. Each
 * hit is applied to each group it falls in as one locked step; one group is locked at a time,
 * so nodes cannot deadlock. Hit-less inputs (time passing) are not used: a window with an upper bound
 * (lt/lte/eq/neq) is judged on its group's next hit (docs/operations.md).
 */
export async function correlateShared(
  rules: CorrelationRule[],
  inputs: CorrelationInput[],
  groups: SharedCorrelationGroups,
): Promise<SharedCorrelationMatch[]> {
  // Fresh states per call: their in-memory groups are only a scratch copy of one row.
  const consumers = consumersOf(rules.map((r) => new CorrelationState(r)));
  const out: SharedCorrelationMatch[] = [];
  // Depth first and in event order, as the in-memory engine: a correlation chained on another
  // must see the inner match before the event's next hit.
  const feed = async (hit: CorrelationHit, by: unknown, depth: number): Promise<void> => {
    if (depth > MAX_DEPTH) return;
    const states = new Set([
      ...(consumers.get(hit.id) ?? []),
      ...(hit.name !== undefined ? (consumers.get(hit.name) ?? []) : []),
    ]);
    for (const state of states) {
      const key = state.groupKey(hit);
      let fired: CorrelationMatch[] = [];
      await groups.updateCorrelationGroup(state.rule.id, key, (window) => {
        fired = [];
        state.groups.clear();
        if (window !== undefined) state.importGroup(key, window);
        state.hit(hit, fired);
        return state.exportGroup(key);
      });
      // Only once the window is written: a failed write fires nothing.
      for (const match of fired) {
        out.push({ match, by });
        await feed(matchAsHit(match), by, depth + 1);
      }
    }
  };
  for (const input of inputs)
    for (const h of input.hits)
      await feed(
        {
          id: h.id,
          ...(h.name !== undefined ? { name: h.name } : {}),
          time: input.time,
          get: (f: string) => h.values[f],
          ref: input.ref,
        },
        input.ref,
        0,
      );
  return out.filter((c) => c.match.correlation.standalone);
}
