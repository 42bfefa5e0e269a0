import { currentPlan } from "../documents/document.service.js";
import type { DocumentStore, StoredDocument } from "../documents/document.types.js";
import type { Clock } from "../domain/clock.js";
import { onCallAt, onCallSchedule } from "../domain/on-call.js";
import type { Block, Report } from "../reports/blocks.js";
import { facts, h2, h3, list, muted, p, table } from "../reports/blocks.js";
import { kitHtml } from "./kit-html.js";
import { roleCardHtml } from "./role-card-html.js";
import { type RoleCard, roleCard, roleCardIndex } from "./role-cards.js";

type Deps = { documents: DocumentStore; clock: Clock };

/** What the offline kit holds: the plan, every procedure, everyone's role card, who is on call. */
export interface Kit {
  plan: StoredDocument<"plan">;
  procedures: StoredDocument<"procedure">[];
  cards: RoleCard[];
  on_call: { role: string; now: string | null; next: string[] }[];
  generated_at: string;
}

async function procedures(deps: Deps): Promise<StoredDocument<"procedure">[]> {
  const all = (await deps.documents.current("procedure")) as StoredDocument<"procedure">[];
  return all.sort((a, b) => a.title.localeCompare(b.title));
}

/** Role cards of everyone in the team (id, name, role titles). */
export async function listRoleCards(deps: Deps) {
  return roleCardIndex((await currentPlan(deps.documents)).body);
}

/** One person's role card from the plan and procedures in force. */
export async function getRoleCard(deps: Deps, personId: string): Promise<RoleCard> {
  const plan = await currentPlan(deps.documents);
  const procs = (await procedures(deps)).map((x) => x.body);
  return roleCard(plan, procs, personId, deps.clock.now());
}

/** Gathers the kit from what is in force now. */
export async function buildKit(deps: Deps): Promise<Kit> {
  const plan = await currentPlan(deps.documents);
  const procs = await procedures(deps);
  const now = deps.clock.now();
  const name = (id: string | null) => plan.body.team.find((x) => x.id === id)?.name ?? id;
  const fourWeeks = new Date(now.getTime() + 28 * 86_400_000);
  return {
    plan,
    procedures: procs,
    cards: plan.body.team.map((x) =>
      roleCard(
        plan,
        procs.map((d) => d.body),
        x.id,
        now,
      ),
    ),
    on_call: plan.body.on_call.map((r) => ({
      role: r.role,
      now: name(onCallAt(r, now)),
      next: onCallSchedule(r, now, fourWeeks)
        .slice(1)
        .map((s) => `${name(s.person)} from ${s.from.slice(0, 10)}`),
    })),
    generated_at: now.toISOString(),
  };
}

/** The kit as one self-contained HTML document (see kit-html.ts). */
export const renderKitHtml = kitHtml;
/** A role card as a one-page printable HTML document. */
export const renderRoleCardHtml = roleCardHtml;

/** Markdown written for screens, as plain text for PDF paragraphs. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/`([^`]*)`/g, "$1")
    .replace(/\*\*([^*]+)\*\*/g, "$1")
    .replace(/\*([^*]+)\*/g, "$1")
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .trim();
}

/** A role card as report blocks (for the PDF). */
export function roleCardBlocks(card: RoleCard): Block[] {
  return [
    h2(card.person.name),
    facts([
      ["Contacts", card.person.contacts.map((c) => `${c.channel}: ${c.address}`).join(" · ")],
      [
        "Roles",
        card.roles
          .map((r) => `${r.title} (stands in: ${r.deputies.join(", ") || "nobody"})`)
          .join("; "),
      ],
      [
        "On call",
        card.on_call
          .map(
            (o) =>
              `${o.role}${o.on_call_now ? " (now)" : ""}: ${o.shifts.map((s) => s.from.slice(0, 10)).join(", ") || "no shift soon"}`,
          )
          .join("; ") || "not in a rotation",
      ],
      ["Paged", card.paged.map((x) => `${x.severity} step ${x.step}`).join(", ") || "not paged"],
      [
        "Preparation",
        card.preparation.map((a) => `${a.title} (${a.cadence})`).join("; ") || "none",
      ],
    ]),
    h3("Expected of you"),
    list(card.roles.flatMap((r) => r.responsibilities.map((x) => `${r.title}: ${x}`))),
    h3("Procedure steps you own"),
    card.steps.length > 0
      ? table(
          ["Procedure", "Phase", "Step", "Due"],
          card.steps.map((s) => [
            s.procedure_title,
            s.phase,
            `${s.title}${s.required ? " (required)" : ""}`,
            s.target ?? "",
          ]),
          { widths: [3, 2, 6, 1.5] },
        )
      : muted("No procedure steps."),
  ];
}

/** One person's card as a PDF. */
export async function roleCardPdf(card: RoleCard): Promise<Buffer> {
  const { renderPdf } = await import("../reports/render-pdf.js");
  return renderPdf({
    title: `Role card: ${card.person.name}`,
    subtitle: `${card.plan.title} v${card.plan.version} (${card.plan.label})`,
    marking: "TLP:AMBER",
    blocks: roleCardBlocks(card),
  });
}

/** The kit as report blocks: the same sections as the HTML, for pdfmake. */
export function kitReport(kit: Kit): Report {
  const plan = kit.plan.body;
  const blocks: Block[] = [
    h2("1. The first hour"),
    table(
      ["Role", "On call now", "Next"],
      kit.on_call.map((o) => [o.role, o.now ?? "nobody", o.next.join(", ")]),
    ),
    table(
      ["Severity", "Definition", "Ack", "Contain", "Recover"],
      plan.severity_scale.map((s) => [
        s.name,
        s.definition,
        s.targets.acknowledge,
        s.targets.contain,
        s.targets.recover,
      ]),
      { widths: [2, 8, 1.3, 1.3, 1.3] },
    ),
    table(
      ["Severity", "Escalation"],
      plan.escalation.map((x) => [
        x.severity,
        x.steps.map((s, i) => `${i + 1}. ${s.notify.join(", ")} (${s.after})`).join("  "),
      ]),
      { widths: [2, 10] },
    ),
    h2("2. Contacts"),
    table(
      ["Name", "Roles", "Contacts"],
      plan.team.map((x) => [
        x.name,
        x.roles.join(", "),
        x.contacts.map((c) => `${c.channel}: ${c.address}`).join("; "),
      ]),
      { widths: [3, 4, 6] },
    ),
    h2("3. The plan"),
    p(plainText(plan.mission), "Mission. "),
    list(plan.principles),
    p(plainText(plan.risk_tolerance), "Risk tolerance. "),
    h2("4. Procedures"),
  ];
  for (const doc of kit.procedures) {
    blocks.push(h3(`${doc.body.title} (${doc.id} v${doc.version})`));
    if (doc.body.summary) blocks.push(p(plainText(doc.body.summary)));
    for (const [phase, steps] of Object.entries(doc.body.steps))
      for (const s of steps)
        blocks.push(
          p(
            `${plainText(s.instructions)}${s.evidence.length ? `\nEvidence: ${s.evidence.join("; ")}` : ""}`,
            `[ ] ${phase.replace("_", " ")}: ${s.title} (${s.role}${s.required ? ", required" : ""}${s.target ? `, due ${s.target}` : ""}). `,
          ),
        );
  }
  blocks.push(h2("5. Role cards"), ...kit.cards.flatMap(roleCardBlocks));
  return {
    title: `${plan.title}: offline kit`,
    subtitle: `Plan ${kit.plan.id} v${kit.plan.version} (${kit.plan.label}), printed ${kit.generated_at.slice(0, 16).replace("T", " ")} UTC`,
    marking: "OFFLINE KIT · TLP:AMBER",
    blocks,
  };
}

/** The kit as a PDF. pdfmake loads only here, as in `renderReport`: it is slow to load. */
export async function kitPdf(kit: Kit): Promise<Buffer> {
  const { renderPdf } = await import("../reports/render-pdf.js");
  return renderPdf(kitReport(kit));
}
