/** Who takes part in an incident beyond its commander, declarer and role holders. */
export interface VisibilityTables {
  incident_members: IncidentMembersTable;
}

/** A person made a participant of an incident (restricted ones are visible to participants). */
export interface IncidentMembersTable {
  incident_id: string;
  person: string;
  /** Why they take part: `paged` (an escalation step paged them). */
  reason: string;
  added_at: string;
  /** `describeActor` of whoever (or whatever) added them. */
  added_by: string;
}
