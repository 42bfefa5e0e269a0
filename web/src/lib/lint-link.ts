import type { LintFinding } from "../api/documents";

export interface FindingPlace {
  kind: string;
  id: string;
  version?: number;
  /** Where the finding points in the rendered document. */
  href?: string;
  /** The YAML source at the finding's line. */
  sourceHref?: string;
}

const PLAN_ANCHORS: Record<string, string> = {
  mission: "purpose",
  goals: "purpose",
  principles: "purpose",
  scope: "purpose",
  risk_tolerance: "purpose",
  severity_scale: "severity",
  roles: "roles",
  team: "team",
  on_call: "team",
  communication: "communication",
  channels: "communication",
  escalation: "escalation",
  compliance: "obligations",
  incident_types: "types",
};

/**
 * Where a lint finding points: `file` is `procedure/ransomware@v3` for stored documents, and
 * `path` is `procedure ransomware: steps.containment[0].role`. A procedure step finding links to
 * that step; a plan finding to its section; both to the source line.
 */
export function findingPlace(f: LintFinding): FindingPlace | undefined {
  const file = /^(plan|procedure)\/([^@]+)(?:@v(\d+))?$/.exec(f.file);
  const fromPath = /^(plan|procedure) ([^:]+)(?::\s*(.*))?$/.exec(f.path);
  const kind = file?.[1] ?? fromPath?.[1];
  const id = file?.[2] ?? fromPath?.[2];
  if (!kind || !id) return undefined;
  const version = file?.[3] ? Number(file[3]) : undefined;
  const inner = fromPath?.[3] ?? "";
  const v = version ? `version=${version}` : "";
  const sourceHref = `/documents/${kind}/${encodeURIComponent(id)}/source${v ? `?${v}` : ""}#L${f.line}`;
  if (kind === "procedure") {
    const step = /^steps\.([a-z_]+)\[(\d+)\]/.exec(inner);
    const q = [v, step ? `step=${step[1]}.${step[2]}` : ""].filter(Boolean).join("&");
    return {
      kind,
      id,
      version,
      href: `/procedures/${encodeURIComponent(id)}${q ? `?${q}` : ""}`,
      sourceHref,
    };
  }
  const top = /^([a-z_]+)/.exec(inner)?.[1] ?? "";
  const anchor = PLAN_ANCHORS[top];
  return { kind, id, version, href: `/plan${anchor ? `#${anchor}` : ""}`, sourceHref };
}
