import type { Migration, MigrationProvider } from "kysely";
import * as documents from "./0001-documents.js";
import * as incidents from "./0002-incidents.js";
import * as jobs from "./0003-jobs.js";
import * as notifications from "./0004-notifications.js";
import * as incidentExtras from "./0005-incident-extras.js";
import * as identity from "./0006-identity.js";
import * as postincident from "./0007-postincident.js";
import * as detection from "./0008-detection.js";
import * as clocks from "./0009-clocks.js";
import * as escalation from "./0010-escalation.js";
import * as preparation from "./0011-preparation.js";
import * as documentApproval from "./0012-document-approval.js";
import * as tamperEvidence from "./0013-tamper-evidence.js";
import * as visibility from "./0014-visibility.js";
import * as egress from "./0015-egress.js";

/**
 * Migrations live in code (not read from a folder at run time) so that the compiled package and
 * the tests run the same list. Names sort in the order they apply; never rename or edit one that
 * has shipped — add the next.
 */
const MIGRATIONS: Record<string, Migration> = {
  "0001-documents": documents,
  "0002-incidents": incidents,
  "0003-jobs": jobs,
  "0004-notifications": notifications,
  "0005-incident-extras": incidentExtras,
  "0006-identity": identity,
  "0007-postincident": postincident,
  "0008-detection": detection,
  "0009-clocks": clocks,
  "0010-escalation": escalation,
  "0011-preparation": preparation,
  "0012-document-approval": documentApproval,
  "0013-tamper-evidence": tamperEvidence,
  "0014-visibility": visibility,
  "0015-egress": egress,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};

export const LATEST_MIGRATION = Object.keys(MIGRATIONS).sort().at(-1) as string;
