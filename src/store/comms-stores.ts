import type { CommsStores } from "../comms/comms.deps.js";
import { clockRecordRepo } from "./clock-record.repo.js";
import type { Db } from "./connect.js";
import { ackNonceRepo, escalationRepo, secretRepo } from "./escalation.repo.js";

/** The stores of escalation, acknowledgement links and regulatory clocks, over one database. */
export function commsStores(db: Db): CommsStores {
  return {
    escalations: escalationRepo(db),
    ackNonces: ackNonceRepo(db),
    serverSecrets: secretRepo(db),
    clockRecords: clockRecordRepo(db),
  };
}
