/** The sections of the editor, by the ids other screens link to (`/plan/edit#team`). */
export const SECTIONS = [
  ["organisation", "Organisation"],
  ["team", "Team"],
  ["roles", "Roles"],
  ["on-call", "On call"],
  ["channels", "Channels"],
  ["escalation", "Escalation"],
  ["obligations", "Obligations"],
] as const;

export type SectionId = (typeof SECTIONS)[number][0];

/** A problem the server found in the draft, placed in the section it is about. */
export interface SectionProblem {
  line?: number;
  column?: number;
  path?: string;
  message: string;
}

/** Which section a lint or schema problem belongs to, from its path (`plan default: team[0].roles`). */
export function sectionOf(p: SectionProblem): SectionId | undefined {
  if (/is not filled by anyone/.test(p.message)) return "roles";
  const path = (p.path ?? "").replace(/^plan [^:]+:\s*/, "");
  const top = /^[a-z_]+/.exec(path)?.[0];
  switch (top) {
    case "organisation":
    case "title":
      return "organisation";
    case "team":
    case "owner":
    case "approval":
      return "team";
    case "roles":
    case "command":
      return "roles";
    case "on_call":
      return "on-call";
    case "channels":
    case "communication":
      return "channels";
    case "escalation":
      return "escalation";
    case "compliance":
      return "obligations";
    default:
      return undefined;
  }
}
