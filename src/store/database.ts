import type { ChangeTables } from "./tables/changes.js";
import type { ClockTables } from "./tables/clocks.js";
import type { ClusterTables } from "./tables/cluster.js";
import type { DetectionTables } from "./tables/detection.js";
import type { DocumentTables } from "./tables/documents.js";
import type { EscalationTables } from "./tables/escalation.js";
import type { EvidenceFileTables } from "./tables/evidence-files.js";
import type { IdentityTables } from "./tables/identity.js";
import type { IncidentTables } from "./tables/incidents.js";
import type { IndicatorTagTables } from "./tables/indicator-tags.js";
import type { JobTables } from "./tables/jobs.js";
import type { NotificationTables } from "./tables/notifications.js";
import type { OidcTables } from "./tables/oidc.js";
import type { PostIncidentTables } from "./tables/postincident.js";
import type { PreparationTables } from "./tables/preparation.js";
import type { SettingsTables } from "./tables/settings.js";
import type { VisibilityTables } from "./tables/visibility.js";

/**
 * Every table Firebreak keeps, as Kysely sees it: one interface per feature under `tables/`,
 * joined here. Conventions that keep one code path for SQLite and PostgreSQL: ids are text,
 * times are ISO 8601 UTC text with milliseconds (they sort as strings), JSON is text, booleans
 * are 0/1 integers.
 */
export interface Database
  extends ChangeTables,
    ClockTables,
    ClusterTables,
    DetectionTables,
    DocumentTables,
    EscalationTables,
    EvidenceFileTables,
    IdentityTables,
    IncidentTables,
    IndicatorTagTables,
    JobTables,
    NotificationTables,
    OidcTables,
    PostIncidentTables,
    PreparationTables,
    SettingsTables,
    VisibilityTables {}
