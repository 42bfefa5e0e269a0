import MarkdownIt from "markdown-it";
import { describeDeadline } from "../compliance/deadline-due.js";
import type { PlanDocument } from "../documents/plan.schema.js";
import type { ProcedureDocument } from "../documents/procedure.schema.js";
import { escapeHtml as e, selfContainedHtml } from "../reports/render-html.js";
import type { Kit } from "./kit.service.js";
import { CARD_CSS, roleCardSection } from "./role-card-html.js";

/**
 * The offline kit as ONE self-contained HTML file, for the day the systems are down: inline
 * CSS, no scripts, no fonts, no images, a Content-Security-Policy that forbids loading
 * anything, internal links only. It opens from a USB stick (file://) or prints as a binder.
 * Markdown (mission, instructions) goes through markdown-it with raw HTML and images off.
 */
const md = new MarkdownIt({ html: false, linkify: false, typographer: false }).disable("image");

const CSS = `
:root { --ink:#1d2430; --muted:#5b6472; --line:#d5dae1; --accent:#b4232c; --soft:#f5f6f8; }
* { box-sizing: border-box; }
body { font: 10.5pt/1.45 -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: var(--ink);
  margin: 0 auto; max-width: 62rem; padding: 1.5rem 2rem; }
header.kit { border-bottom: 3px solid var(--accent); margin-bottom: 1rem; }
.banner { background: var(--accent); color: #fff; font-weight: 600; padding: .2rem .6rem; display: inline-block; border-radius: 3px; }
h1 { font-size: 1.8rem; margin: .4rem 0; } h2 { font-size: 1.35rem; border-bottom: 1px solid var(--line); margin-top: 2.2rem; }
h3 { font-size: 1.1rem; margin-top: 1.4rem; } .muted { color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .88rem; }
th, td { border: 1px solid var(--line); padding: .25rem .4rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: var(--soft); }
nav.toc > ol { columns: 2; } nav.toc a { color: var(--ink); }
.step { border-left: 3px solid var(--line); padding: .1rem 0 .1rem .7rem; margin: .7rem 0; break-inside: avoid; }
.step.required { border-left-color: var(--accent); }
.step h4 { margin: 0 0 .2rem; font-size: 1rem; } .step h4::before { content: "☐ "; }
.meta { color: var(--muted); font-size: .85rem; }
code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .85rem; }
section.procedure { break-before: page; }
@page { size: A4; margin: 14mm 12mm; }
@media print { body { max-width: none; padding: 0; font-size: 9.5pt; } nav.toc { break-after: page; }
  h2, h3, h4 { break-after: avoid; } tr, li { break-inside: avoid; } .card { break-before: page; } .banner { print-color-adjust: exact; } }
${CARD_CSS}`;

const when = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;
const table = (head: string[], rows: string[][]) =>
  `<table><thead><tr>${head.map((h) => `<th>${e(h)}</th>`).join("")}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join("")}</tr>`)
    .join("")}</tbody></table>`;

/** A channel target that reads a secret from the environment is not printed. */
const shownTarget = (t: string) => (t.includes("${env:") ? "(configured in Firebreak)" : t);

function firstHour(plan: PlanDocument, kit: Kit): string {
  const onCall = kit.on_call.map((o) => [
    e(o.role),
    e(o.now ?? "nobody"),
    e(o.next.join(", ") || "–"),
  ]);
  return `<h2 id="first-hour">1. The first hour</h2>
<p>Declare when in doubt. The commander on call leads until handed over on the timeline.</p>
${table(["Role", "On call now", "Next weeks"], onCall)}
${table(
  ["Severity", "Definition", "Acknowledge", "Contain", "Recover"],
  plan.severity_scale.map((s) => [
    `<strong>${e(s.name)}</strong>`,
    e(s.definition),
    e(s.targets.acknowledge),
    e(s.targets.contain),
    e(s.targets.recover),
  ]),
)}
<h3>Escalation</h3>
${table(
  ["Severity", "Who is paged, in order (wait before the next step)"],
  plan.escalation.map((p) => [
    e(p.severity),
    p.steps.map((s, i) => `${i + 1}. ${e(s.notify.join(", "))} (${e(s.after)})`).join("<br>"),
  ]),
)}`;
}

function contacts(plan: PlanDocument): string {
  const roleTitle = (id: string) => plan.roles.find((r) => r.id === id)?.title ?? id;
  return `<h2 id="contacts">2. Contacts</h2>
${table(
  ["Name", "Roles", "Contacts"],
  plan.team.map((p) => [
    `<a href="#card-${e(p.id)}">${e(p.name)}</a>`,
    e(p.roles.map(roleTitle).join(", ")),
    p.contacts.map((c) => `${e(c.channel)}: ${e(c.address)}`).join("<br>"),
  ]),
)}
<h3>Channels</h3>
${table(
  ["Channel", "Kind", "Where", "What for"],
  plan.channels.map((c) => [e(c.id), e(c.kind), e(shownTarget(c.target)), e(c.description ?? "")]),
)}`;
}

function planSection(plan: PlanDocument): string {
  return `<h2 id="plan">3. The plan</h2>
<h3>Mission</h3>${md.render(plan.mission)}
<h3>Goals</h3><ul>${plan.goals.map((g) => `<li>${e(g)}</li>`).join("")}</ul>
<h3>Principles</h3><ul>${plan.principles.map((g) => `<li>${e(g)}</li>`).join("")}</ul>
<h3>Scope</h3>${md.render(plan.scope)}
<h3>Risk tolerance</h3>${md.render(plan.risk_tolerance)}
<h3>Roles</h3>
${table(
  ["Role", "Responsibilities", "Authority"],
  plan.roles.map((r) => [
    `<strong>${e(r.title)}</strong>`,
    `<ul>${r.responsibilities.map((x) => `<li>${e(x)}</li>`).join("")}</ul>`,
    e(r.authority.join(", ").replaceAll("_", " ")),
  ]),
)}
<h3>Communication</h3>
${table(
  ["Audience", "Channels", "Update cadence"],
  plan.communication.audiences.map((a) => [
    e(a.name),
    e(a.channels.join(", ")),
    e(
      Object.entries(a.cadence)
        .map(([s, d]) => `${s}: ${d}`)
        .join(", "),
    ),
  ]),
)}
<h3>Regulatory obligations</h3>
${table(
  ["Obligation", "When it applies", "Clock starts", "Deadlines", "Recipient"],
  plan.compliance.map((o) => [
    e(o.regulation),
    `<code>${e(o.trigger)}</code>`,
    e(o.clock_start),
    e(o.deadlines.map((d) => `${d.name}: ${describeDeadline(o, d)}`).join("; ")),
    e(o.recipient),
  ]),
)}
<h3>Incident types</h3>
${table(
  ["Type", "Default severity", "Procedure"],
  plan.incident_types.map((t) => [
    e(t.name),
    e(t.default_severity),
    `<a href="#procedure-${e(t.procedure)}">${e(t.procedure)}</a>`,
  ]),
)}`;
}

function procedureSection(p: ProcedureDocument, version: number): string {
  const phases = Object.entries(p.steps).filter(([, steps]) => steps.length > 0);
  return `<section class="procedure" id="procedure-${e(p.id)}">
<h3>${e(p.title)} <span class="muted">(${e(p.id)} v${version})</span></h3>
${p.summary ? md.render(p.summary) : ""}
<p class="meta">Applies to: ${e(p.applies_to.incident_types.join(", "))}${p.applies_to.severities.length ? ` at ${e(p.applies_to.severities.join(", "))}` : ""}</p>
${phases
  .map(
    ([phase, steps]) =>
      `<h4>${e(phase.replace("_", " "))}</h4>${steps
        .map(
          (s) => `<div class="step${s.required ? " required" : ""}"><h4>${e(s.title)}</h4>
<p class="meta">${e(s.role)}${s.required ? " · required" : ""}${s.target ? ` · due ${e(s.target)} after ${s.target_from && s.target_from !== "declaration" ? `entering ${e(s.target_from.replace("_", " "))}` : "declaration"}` : ""}${s.condition ? ` · only if ${e(s.condition)}` : ""}</p>
${md.render(s.instructions)}${s.evidence.length ? `<p class="meta">Evidence: ${e(s.evidence.join("; "))}</p>` : ""}</div>`,
        )
        .join("")}`,
  )
  .join("")}
</section>`;
}

/** The whole kit as one HTML document. */
export function kitHtml(kit: Kit): string {
  const plan = kit.plan.body;
  const procs = kit.procedures;
  return selfContainedHtml({
    title: `${plan.title}: offline kit`,
    css: CSS,
    body: `<header class="kit">
<span class="banner">OFFLINE KIT · TLP:AMBER</span>
<h1>${e(plan.title)}</h1>
<p class="muted">Plan ${e(kit.plan.id)} v${kit.plan.version} (${e(kit.plan.label)}), hash ${e(kit.plan.hash.slice(0, 16))}… · printed ${e(when(kit.generated_at))}.
For the day the systems are down: keep a printed copy in the safe and the jump bag.</p>
</header>
<nav class="toc"><ol>
<li><a href="#first-hour">The first hour</a></li><li><a href="#contacts">Contacts</a></li>
<li><a href="#plan">The plan</a></li><li><a href="#procedures">Procedures</a><ol>${procs
      .map((p) => `<li><a href="#procedure-${e(p.id)}">${e(p.title)}</a></li>`)
      .join("")}</ol></li><li><a href="#role-cards">Role cards</a></li>
</ol></nav>
<main>
${firstHour(plan, kit)}
${contacts(plan)}
${planSection(plan)}
<h2 id="procedures">4. Procedures</h2>
${procs.map((p) => procedureSection(p.body, p.version)).join("\n")}
<h2 id="role-cards">5. Role cards</h2>
${kit.cards.map(roleCardSection).join("\n")}
</main>`,
  });
}
