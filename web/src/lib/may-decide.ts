/** What the approval state says about a version's approvers (`VersionStatus` of the API). */
interface Approvers {
  required_approvers: readonly string[];
  eligible_approvers: readonly string[];
}

/** The signed-in user as approval sees them: their plan person (or user id) and whether admin. */
export interface Decider {
  person: string | undefined;
  admin: boolean;
}

/**
 * Whether to offer the signed-in user Approve and Request changes: the plan's named approvers
 * when it names some, else anyone eligible; an admin in their own name when the plan names none
 * or while the plan in force is the built-in example (docs/adr/0003-example-plan-bootstrap.md).
 * The server decides again on every sign-off; this only spares others buttons that would fail.
 */
export function mayDecide(version: Approvers, who: Decider, planIsExample: boolean): boolean {
  if (who.admin && (planIsExample || version.required_approvers.length === 0)) return true;
  if (!who.person) return false;
  return version.required_approvers.length > 0
    ? version.required_approvers.includes(who.person)
    : version.eligible_approvers.includes(who.person);
}
