import { type Document, isMap, type YAMLMap, type YAMLSeq } from "yaml";
import {
  flowList,
  indexOf,
  type PlanDraft,
  PlanEditError,
  plain,
  removeById,
  seqAt,
  setTopLevel,
} from "./plan-yaml";

/**
 * The plan editor's edits to its team: people added, changed and removed, and the built-in
 * example team replaced, with every reference to a person (owner, approvers, rotations,
 * escalation) kept pointing at someone.
 */

/** A person as the editor asks for one: the plan's `team` entry without its contact list. */
export interface PersonInput {
  /** Kept when changing a person; made from the name when adding one. */
  id?: string;
  name: string;
  email: string;
  phone?: string;
  chat?: string;
  roles: string[];
}

/**
 * Whether a person is one of the built-in plan's invented people: the plan says `example: true`
 * and every e-mail address they have is at example.org or example.com (the domains reserved for
 * examples, which the built-in team uses), so people the admin added stay theirs across saves.
 */
export function isExamplePerson(
  plan: Pick<PlanDraft, "example">,
  person: Pick<PlanDraft["team"][number], "contacts">,
): boolean {
  const emails = person.contacts.filter((c) => c.channel === "email");
  return (
    plan.example === true &&
    emails.length > 0 &&
    emails.every((c) => /@example\.(org|com)$/i.test(c.address.trim()))
  );
}

/** A plan id made from a name: `Zoë Müller` → `zoe-muller`, unique among `taken`. */
export function personId(name: string, taken: Iterable<string>): string {
  const base =
    name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "") || "person";
  const used = new Set(taken);
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
  return id;
}

/** A contact list in the plan's one-line `{ channel, address }` style. */
function contactNodes(
  doc: Document,
  p: PersonInput,
  keep: { channel: string; address: string }[] = [],
) {
  const mine = ["email", "phone", "chat"] as const;
  const given: Record<(typeof mine)[number], string | undefined> = {
    email: p.email.trim(),
    phone: p.phone?.trim() || undefined,
    chat: p.chat?.trim() || undefined,
  };
  const contacts: { channel: string; address: string }[] = [];
  for (const c of mine) if (given[c]) contacts.push({ channel: c, address: given[c] as string });
  // What the form does not show (a second e-mail, an SMS number) is kept as it was.
  const shown = new Set<string>(mine);
  const seenEmail = keep.findIndex((c) => c.channel === "email");
  keep.forEach((c, i) => {
    if (!shown.has(c.channel) || (c.channel === "email" && i !== seenEmail)) contacts.push(c);
  });
  const seq = doc.createNode(contacts) as YAMLSeq;
  for (const item of seq.items) if (isMap(item)) item.flow = true;
  return seq;
}

function personNode(
  doc: Document,
  id: string,
  p: PersonInput,
  keep?: { channel: string; address: string }[],
) {
  const node = doc.createNode({ id, name: p.name.trim() }) as YAMLMap;
  node.set("roles", flowList(doc, p.roles));
  node.set("contacts", contactNodes(doc, p, keep));
  return node;
}

export function addPerson(doc: Document, p: PersonInput): void {
  const plan = plain(doc);
  const id =
    p.id ??
    personId(
      p.name,
      plan.team.map((x) => x.id),
    );
  if (plan.team.some((x) => x.id === id)) throw new PlanEditError(`the team already has '${id}'`);
  if (!seqAt(doc, ["team"])) setTopLevel(doc, "team", [], ["roles"]);
  seqAt(doc, ["team"])?.add(personNode(doc, id, p));
}

export function updatePerson(doc: Document, id: string, p: PersonInput): void {
  const i = indexOf(doc, "team", id);
  const before = plain(doc).team[i];
  seqAt(doc, ["team"])?.set(i, personNode(doc, id, p, before?.contacts));
}

/** Removes a person and every reference to them, so that nothing points at nobody. */
export function removePerson(doc: Document, id: string): void {
  const plan = plain(doc);
  const rest = plan.team.filter((x) => x.id !== id);
  if (rest.length === plan.team.length) throw new PlanEditError(`no team entry '${id}'`);
  if (rest.length === 0) throw new PlanEditError("the team cannot be empty: add someone first");
  removeById(doc, "team", id);
  rewriteReferences(doc, new Map([[id, undefined]]), rest[0]?.id as string);
}

/**
 * Replaces the example team with the admin's people and makes the plan theirs: `example: true`
 * goes, every role is filled (a role none of them holds goes to whoever inherits its example
 * holder, so procedures keep an owner for every step), and each reference to an example person
 * (owner, approvers, rotations, escalation) points at the new person who took their roles.
 */
export function replaceExampleTeam(doc: Document, people: readonly PersonInput[]): void {
  if (people.length === 0)
    throw new PlanEditError("add at least one person to replace the example team with");
  const plan = plain(doc);
  const ids: string[] = [];
  const team = people.map((p) => {
    const id = p.id ?? personId(p.name, ids);
    ids.push(id);
    return { ...p, id, roles: [...new Set(p.roles)] };
  });
  const first = team[0] as (typeof team)[number];

  // Each example person's successor: the new person sharing most of their roles.
  const successor = new Map<string, string | undefined>();
  for (const old of plan.team) {
    if (team.some((t) => t.id === old.id)) continue;
    let best = first;
    let shared = -1;
    for (const t of team) {
      const n = t.roles.filter((r) => old.roles.includes(r)).length;
      if (n > shared) [best, shared] = [t, n];
    }
    successor.set(old.id, best.id);
  }
  for (const role of plan.roles) {
    if (team.some((t) => t.roles.includes(role.id))) continue;
    const heir = plan.team.find((o) => o.roles.includes(role.id));
    const to = team.find((t) => t.id === (heir && successor.get(heir.id))) ?? first;
    to.roles.push(role.id);
  }

  doc.set("team", doc.createNode([]));
  for (const t of team) seqAt(doc, ["team"])?.add(personNode(doc, t.id, t));
  doc.delete("example");
  rewriteReferences(doc, successor, first.id);

  // Approvers: the new people who hold a role with the approve_plan authority.
  const approving = new Set(
    plan.roles.filter((r) => r.authority?.includes("approve_plan")).map((r) => r.id),
  );
  const approvers = team.filter((t) => t.roles.some((r) => approving.has(r))).map((t) => t.id);
  if (doc.has("approval")) {
    if (approvers.length === 0) doc.delete("approval");
    else {
      doc.setIn(["approval", "by"], flowList(doc, approvers));
      const quorum = doc.getIn(["approval", "quorum"]);
      if (typeof quorum === "number" && quorum > approvers.length)
        doc.deleteIn(["approval", "quorum"]);
    }
  }
  // Rotations: whoever now holds the role, in the order the admin listed them.
  plain(doc).on_call?.forEach((r, i) => {
    const holders = team.filter((t) => t.roles.includes(r.role)).map((t) => t.id);
    if (holders.length > 0) doc.setIn(["on_call", i, "people"], flowList(doc, holders));
  });
}

/**
 * Points every reference to a person in `gone` at their successor (or drops it when there is
 * none): owner, approvers, rotation members and overrides, escalation recipients. A list left
 * empty goes with its entry (a rotation nobody is in, a step that notifies nobody).
 */
function rewriteReferences(
  doc: Document,
  gone: Map<string, string | undefined>,
  fallback: string,
): void {
  const plan = plain(doc);
  const to = (id: string) => (gone.has(id) ? gone.get(id) : id);
  const mapped = (ids: readonly string[]) => [
    ...new Set(ids.map(to).filter((x): x is string => !!x)),
  ];

  if (plan.owner && gone.has(plan.owner)) doc.set("owner", to(plan.owner) ?? fallback);
  if (plan.approval?.by.some((b) => gone.has(b))) {
    const by = mapped(plan.approval.by);
    if (by.length === 0) doc.delete("approval");
    else doc.setIn(["approval", "by"], flowList(doc, by));
  }

  for (let i = (plan.on_call ?? []).length - 1; i >= 0; i--) {
    const r = plan.on_call?.[i];
    if (!r) continue;
    const people = mapped(r.people);
    if (people.length === 0) {
      seqAt(doc, ["on_call"])?.delete(i);
      continue;
    }
    if (r.people.some((p) => gone.has(p)))
      doc.setIn(["on_call", i, "people"], flowList(doc, people));
    // An override was a swap between two people; with either gone it means nothing.
    const overrides = r.overrides ?? [];
    for (let j = overrides.length - 1; j >= 0; j--)
      if (gone.has(overrides[j]?.person ?? "")) seqAt(doc, ["on_call", i, "overrides"])?.delete(j);
    if (overrides.length > 0 && overrides.every((o) => gone.has(o.person)))
      doc.deleteIn(["on_call", i, "overrides"]);
  }

  mapRecipients(doc, (r) => {
    const [kind, id = ""] = r.split(":");
    if (kind !== "person" || !gone.has(id)) return r;
    const next = to(id);
    return next ? `person:${next}` : undefined;
  });
}

/** Rewrites every escalation recipient (undefined drops it); a step left empty is dropped. */
export function mapRecipients(doc: Document, f: (recipient: string) => string | undefined): void {
  (plain(doc).escalation ?? []).forEach((path, i) => {
    for (let j = path.steps.length - 1; j >= 0; j--) {
      const step = path.steps[j];
      if (!step) continue;
      const next = [...new Set(step.notify.map(f).filter((x): x is string => !!x))];
      if (next.length === step.notify.length && next.every((x, k) => x === step.notify[k]))
        continue;
      if (next.length === 0) {
        if (path.steps.length === 1)
          throw new PlanEditError(
            `the ${path.severity} escalation would notify nobody: change it first`,
          );
        seqAt(doc, ["escalation", i, "steps"])?.delete(j);
      } else doc.setIn(["escalation", i, "steps", j, "notify"], flowList(doc, next));
    }
  });
}
