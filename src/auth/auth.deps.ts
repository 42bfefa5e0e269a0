import type { AuditDeps } from "../audit/audit.service.js";
import type { DocumentStore } from "../documents/document.types.js";
import type { IdentityStore } from "./identity.types.js";

/** What the identity use cases take: their stores, the audit log and the time. */
export interface AuthDeps extends AuditDeps {
  identity: IdentityStore;
  documents: DocumentStore;
}
