/** The parts of a plan the command rule reads (structural, so the web's plan type fits too). */
export interface CommandRulePlan {
  command?: { required_from?: string } | undefined;
  severity_scale: readonly { id: string }[];
}

/**
 * Whether the plan's command rule requires a named commander at this severity: at or above
 * `command.required_from` on the plan's scale. Such an incident does not advance without one.
 * The server decides with it (response/authority.ts); the web reads it to say so beforehand.
 */
export function commanderRequired(plan: CommandRulePlan | undefined, severity: string): boolean {
  const from = plan?.command?.required_from;
  if (!plan || from === undefined) return false;
  const ids = plan.severity_scale.map((s) => s.id);
  const at = ids.indexOf(severity);
  return at >= 0 && ids.indexOf(from) >= 0 && at >= ids.indexOf(from);
}
