/** Escalation state per incident, used acknowledgement links, and secrets the server generated. */
export interface EscalationTables {
  escalations: EscalationsTable;
  ack_nonces: AckNoncesTable;
  server_secrets: ServerSecretsTable;
}

/** Where an incident's escalation path stands; one row per incident. */
export interface EscalationsTable {
  incident_id: string;
  /** Which run of the path: the incident version that started it (declaration or re-target). */
  run: number;
  severity: string;
  /** active, acknowledged, exhausted, ended, no_path. */
  status: string;
  /** The last step paged (round and step, 0-based); -1 before the first page. */
  round: number;
  step: number;
  last_paged_at: string | null;
  /** The next step due: round, step (null when the path is exhausted) and time. */
  next_round: number | null;
  next_step: number | null;
  next_at: string | null;
  started_at: string;
  updated_at: string;
}

/** A one-time acknowledgement link that has been used; its nonce can never be used again. */
export interface AckNoncesTable {
  nonce: string;
  incident_id: string;
  /** `person:<id>` or `channel:<id>`: whom the link was sent to. */
  recipient: string;
  used_at: string;
}

/** Secrets generated on first use when the configuration gives none (shared by every node). */
export interface ServerSecretsTable {
  name: string;
  value: string;
  created_at: string;
}
