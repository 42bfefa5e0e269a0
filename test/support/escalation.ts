// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${env:NAME}` channel targets.
import { loadConfig } from "../../src/config.js";
import type { Clock } from "../../src/domain/clock.js";
import { systemClock } from "../../src/domain/clock.js";
import { loadLibraryIfEmpty, type Runtime, runtimeFor } from "../../src/runtime.js";
import type { TestDialect } from "./databases.js";
import { minimalPlan, minimalProcedure, writeLibrary } from "./documents.js";

/** The environment variable the paging plan's webhook channels read their base URL from. */
export const HOOK_ENV = "FIREBREAK_TEST_PAGER";

const targets = { acknowledge: "PT15M", contain: "PT4H", recover: "P1D" };

/**
 * A small plan for escalation tests: severities `inconvenience` and `emergency`; the emergency
 * path pages channel `pager-1` (`${env:FIREBREAK_TEST_PAGER}/step-1`) and then, one second later,
 * `pager-2` (`…/step-2`), without repeating. Ann is the commander (e-mail), Dan the deputy.
 */
export function pagingPlan(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return minimalPlan({
    severity_scale: ["inconvenience", "emergency"].map((id) => ({
      id,
      name: id[0]?.toUpperCase() + id.slice(1),
      definition: `${id} impact`,
      targets,
    })),
    attributes: [
      { id: "personal_data", type: "boolean", description: "Personal data involved" },
      { id: "material", type: "boolean", description: "Material to investors" },
    ],
    roles: [
      {
        id: "commander",
        title: "Commander",
        responsibilities: ["Lead"],
        authority: ["override_gate", "skip_required_step", "change_severity", "close"],
      },
      { id: "deputy-commander", title: "Deputy", responsibilities: ["Stand in"] },
      { id: "analyst", title: "Analyst", responsibilities: ["Analyse"] },
    ],
    team: [
      {
        id: "ann",
        name: "Ann Archer",
        contacts: [
          { channel: "email", address: "ann@example.org" },
          { channel: "phone", address: "+1-555-0100" },
        ],
        roles: ["commander"],
      },
      {
        id: "dan",
        name: "Dan Deputy",
        contacts: [{ channel: "email", address: "dan@example.org" }],
        roles: ["deputy-commander"],
      },
      {
        id: "bob",
        name: "Bob Analyst",
        contacts: [{ channel: "email", address: "bob@example.org" }],
        roles: ["analyst"],
      },
    ],
    channels: [
      { id: "pager-1", kind: "webhook", target: `\${env:${HOOK_ENV}}/step-1` },
      { id: "pager-2", kind: "webhook", target: `\${env:${HOOK_ENV}}/step-2` },
      { id: "inconvenience-hook", kind: "webhook", target: `\${env:${HOOK_ENV}}/low` },
      { id: "exec-hook", kind: "webhook", target: `\${env:${HOOK_ENV}}/executives` },
    ],
    communication: {
      audiences: [
        {
          id: "executives",
          name: "Executives",
          kind: "non_technical",
          channels: ["exec-hook"],
          cadence: { inconvenience: "P1D", emergency: "PT4H" },
          template:
            "**Briefing: {{incident.title}}** (severity: {{incident.severity}})\n\n- What happened: {{update.summary}}\n- Impact: {{update.impact}}\n- Clocks: {{update.obligations}}\n\nCommander: {{incident.commander}}. Next: {{update.next_update}}. {{update.eta}}",
        },
      ],
    },
    escalation: [
      {
        severity: "inconvenience",
        steps: [{ notify: ["channel:inconvenience-hook"], after: "PT1H" }],
      },
      {
        severity: "emergency",
        repeat: 0,
        steps: [
          { notify: ["channel:pager-1"], after: "PT1S" },
          { notify: ["channel:pager-2"], after: "PT1S" },
        ],
      },
    ],
    incident_types: [
      { id: "malware", name: "Malware", default_severity: "emergency", procedure: "malware" },
    ],
    ...overrides,
  });
}

/** A library folder holding the paging plan (with overrides) and the minimal procedure. */
export function pagingLibrary(overrides: Record<string, unknown> = {}): string {
  return writeLibrary(pagingPlan(overrides), minimalProcedure());
}

/**
 * A runtime over a fresh database, a library, and environment-style settings (SMTP…). Outgoing
 * requests may reach 127.0.0.1 unless `env` sets FIREBREAK_EGRESS_ALLOW otherwise.
 */
export async function commsRuntime(
  dialect: TestDialect,
  options: { library: string; clock?: Clock; env?: NodeJS.ProcessEnv },
): Promise<Runtime> {
  const db = await dialect.open();
  // The tests' webhook receivers listen on loopback, which deliveries reach only when allowed.
  const env = { FIREBREAK_EGRESS_ALLOW: "127.0.0.1", ...options.env };
  const config = loadConfig({ library: [options.library], logLevel: "silent" }, env);
  const rt = runtimeFor(config, db, options.clock ?? systemClock);
  await loadLibraryIfEmpty(rt);
  return rt;
}
