import { escapeHtml as e, selfContainedHtml } from "../reports/render-html.js";
import type { RoleCard } from "./role-cards.js";

/**
 * Role cards as HTML: a section that the offline kit repeats for everyone, and a one-page
 * printable card (A4, everything on one sheet for the desk drawer). Self-contained: inline CSS,
 * nothing loaded from anywhere.
 */

export const CARD_CSS = `
.card { border: 2px solid #1d2430; border-radius: 6px; padding: .8rem 1rem; margin: 1rem 0; }
.card section, .card tr { break-inside: avoid; }
.card h3 { margin: 0 0 .2rem; font-size: 1.15em; }
.card .who { color: #5b6472; margin: 0 0 .5rem; font-size: .9em; }
.card .cols { display: grid; grid-template-columns: 1fr 1fr; gap: .4rem 1.2rem; }
.card h4 { margin: .5rem 0 .2rem; font-size: .82em; text-transform: uppercase; letter-spacing: .04em; color: #b4232c; }
.card ul { margin: 0 0 .3rem; padding-left: 1.1rem; } .card li { margin: .05rem 0; }
.card table { font-size: .78em; margin: .2rem 0 .4rem; }
.card .tag { display: inline-block; border: 1px solid #d5dae1; border-radius: 3px; padding: 0 .3rem;
  font-size: .75em; margin-right: .2rem; }
.card .req { font-weight: 600; }
`;

const PAGE_CSS = `
* { box-sizing: border-box; }
body { font: 9pt/1.35 -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: #1d2430;
  margin: 0 auto; max-width: 52rem; padding: 1rem; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #d5dae1; padding: .15rem .3rem; text-align: left; vertical-align: top; }
th { background: #f5f6f8; }
@page { size: A4; margin: 10mm; }
@media print { body { padding: 0; max-width: none; font-size: 7.5pt; } .card { border-width: 1px; margin: 0; padding: .4rem .6rem; } }
${CARD_CSS}`;

const day = (iso: string) => iso.slice(0, 16).replace("T", " ");

/**
 * One row per procedure: the required steps by name (what the gate waits for) and how many
 * other steps the person's roles own there, so that a commander's card still fits one page.
 */
function stepsTable(card: RoleCard): string {
  if (card.steps.length === 0) return "<p>No procedure steps are owned by these roles.</p>";
  const byProc = new Map<string, RoleCard["steps"]>();
  for (const s of card.steps)
    byProc.set(s.procedure_title, [...(byProc.get(s.procedure_title) ?? []), s]);
  const rows = [...byProc]
    .map(([proc, steps]) => {
      const required = steps.filter((s) => s.required);
      const others = steps.length - required.length;
      return `<tr><th>${e(proc)}</th><td>${required
        .map((s) => `<span class="req">${e(s.title)}</span>${s.target ? ` (${e(s.target)})` : ""}`)
        .join(
          " · ",
        )}${others ? `${required.length ? " · " : ""}<em>+${others} other step${others === 1 ? "" : "s"}</em>` : ""}</td></tr>`;
    })
    .join("");
  return `<table><thead><tr><th>Procedure</th><th>Required steps you own (due after declaration), and others</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** The card as an HTML section (an `<article>` with an anchor per person). */
export function roleCardSection(card: RoleCard): string {
  const roles = card.roles
    .map(
      (
        r,
      ) => `<li><strong>${e(r.title)}</strong>${r.authority.length ? ` — may ${e(r.authority.join(", ").replaceAll("_", " "))}` : ""}
<ul>${r.responsibilities.map((x) => `<li>${e(x)}</li>`).join("")}</ul>
<span class="tag">stands in: ${e(r.deputies.join(", ") || "nobody")}</span></li>`,
    )
    .join("");
  const onCall = card.on_call.length
    ? card.on_call
        .map(
          (o) =>
            `<li>${e(o.role)}${o.on_call_now ? " <strong>(on call now)</strong>" : ""}: hands off ${e(o.handoff)} ${e(o.time_zone)}; next: ${
              o.shifts
                .slice(0, 3)
                .map((s) => `${e(day(s.from))} → ${e(day(s.to))} UTC`)
                .join("; ") || "no shift in the next 8 weeks"
            }</li>`,
        )
        .join("")
    : "<li>Not in an on-call rotation.</li>";
  const bySeverity = new Map<string, string[]>();
  for (const p of card.paged)
    bySeverity.set(p.severity, [
      ...(bySeverity.get(p.severity) ?? []),
      `step ${p.step} (${p.because})`,
    ]);
  const paged = bySeverity.size
    ? [...bySeverity].map(([sev, steps]) => `<li>${e(sev)}: ${e(steps.join(", "))}</li>`).join("")
    : "<li>Not paged by escalation paths.</li>";
  const prep = card.preparation.length
    ? card.preparation.map((a) => `<li>${e(a.title)} (every ${e(a.cadence)})</li>`).join("")
    : "<li>None.</li>";
  const contacts = card.person.contacts.map((c) => `${e(c.channel)}: ${e(c.address)}`).join(" · ");
  return `<article class="card" id="card-${e(card.person.id)}">
<h3>${e(card.person.name)}</h3>
<p class="who">${e(contacts)}${card.approver.named ? " · approves the plan" : card.approver.eligible ? " · may approve the plan" : ""}</p>
<div class="cols">
<section><h4>Roles and what is expected</h4><ul>${roles}</ul></section>
<section><h4>On call</h4><ul>${onCall}</ul><h4>Paged when</h4><ul>${paged}</ul><h4>Preparation you own</h4><ul>${prep}</ul></section>
</div>
<h4>Procedure steps you own</h4>
${stepsTable(card)}
</article>`;
}

/** A one-page printable card: a whole HTML document. */
export function roleCardHtml(card: RoleCard): string {
  return selfContainedHtml({
    title: `Role card: ${card.person.name}`,
    css: PAGE_CSS,
    body: `<p class="who">${e(card.plan.title)} v${card.plan.version} (${e(card.plan.label)}) · role card printed ${e(day(card.generated_at))} UTC</p>
${roleCardSection(card)}`,
  });
}
