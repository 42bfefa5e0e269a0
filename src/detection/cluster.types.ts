import type { SharedCorrelationGroups } from "./sigma/correlation-shared.js";

/**
 * What detection shares between nodes when several server processes run on one PostgreSQL
 * database (docs/operations.md "Running several nodes"). SQLite is one process: there is no
 * cluster store and the in-memory paths are used.
 */
export interface ClusterStore extends SharedCorrelationGroups {
  /**
   * Runs `work` while holding a lock named `name` across every node on the database (a
   * PostgreSQL advisory lock, released when `work` settles or its connection drops).
   */
  exclusive<T>(name: string, work: () => Promise<T>): Promise<T>;
  /**
   * Deletes the correlation windows no event has touched since `before` (an ISO time); answers
   * how many went. A group that never sees another event would otherwise keep its row forever.
   */
  purgeCorrelationWindows(before: string): Promise<number>;
}
