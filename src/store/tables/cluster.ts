/** State the nodes of one PostgreSQL database share (migrations/0032-cluster.ts). */
export interface ClusterTables {
  correlation_windows: CorrelationWindowsTable;
}

/** One correlation group's window (`CorrelationState.exportGroup`); null while being created. */
export interface CorrelationWindowsTable {
  correlation_id: string;
  /** SHA-256 (hex) of the group's group-by values as JSON. */
  group_key: string;
  state: string | null;
  updated_at: string;
}
