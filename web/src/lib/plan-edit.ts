import {
  type Document,
  isMap,
  isSeq,
  parse,
  parseDocument,
  type YAMLMap,
  type YAMLSeq,
} from "yaml";
import type { Obligation, PlanBody } from "../api/documents";

/**
 * The structured plan editor's changes, as functions from a plan's YAML to new YAML. Each edit
 * goes through the `yaml` package's Document API, so comments, key order and the author's
 * layout of everything it does not touch survive; the server stays the judge (the upload
 * validates and lints the result, and refuses it with line and column).
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

export interface RotationInput {
  people: string[];
  day: string;
  /** "HH:MM" in `time_zone`. */
  time: string;
  time_zone: string;
  /** YYYY-MM-DD: the first hand-over the rotation counts weeks from. */
  starts: string;
}

export interface ChannelInput {
  /** Any kind the plan knows; the editor offers only those Firebreak sends (email, slack, webhook). */
  kind: PlanBody["channels"][number]["kind"];
  target: string;
  description?: string;
}

export interface StepInput {
  /** `role:<id>`, `person:<id>` or `channel:<id>`. */
  notify: string[];
  /** ISO 8601 duration to wait for an acknowledgement, e.g. PT15M. */
  after: string;
}

export type PlanEdit =
  | { op: "organisation"; name: string; time_zone?: string }
  | { op: "add-person"; person: PersonInput }
  | { op: "update-person"; id: string; person: PersonInput }
  | { op: "remove-person"; id: string }
  | { op: "replace-example-team"; people: PersonInput[] }
  | { op: "role-holders"; role: string; people: string[] }
  | { op: "rotation"; role: string; rotation: RotationInput | null }
  | { op: "channel"; id: string; channel: ChannelInput | null }
  | { op: "escalation"; severity: string; steps: StepInput[] }
  | { op: "obligation-recipient"; id: string; recipient: string }
  | { op: "obligation-enabled"; id: string; enabled: false }
  | { op: "obligation-enabled"; id: string; enabled: true; definition: Obligation };

/** An edit that cannot be made as asked (the plan would break in a way lint cannot place). */
export class PlanEditError extends Error {
  override name = "PlanEditError";
}

/** The plan as the editor reads it: the YAML's data, before the server's defaults are applied. */
export type PlanDraft = Partial<PlanBody> & Pick<PlanBody, "team" | "roles">;

/** Reads a plan's YAML for display; lists the schema defaults to empty are empty when absent. */
export function readPlan(yaml: string): PlanDraft {
  const data = (parse(yaml) ?? {}) as Partial<PlanBody>;
  return {
    ...data,
    team: data.team ?? [],
    roles: data.roles ?? [],
    on_call: data.on_call ?? [],
    channels: data.channels ?? [],
    escalation: data.escalation ?? [],
    compliance: data.compliance ?? [],
  };
}

/** Applies edits in order and returns the new YAML. Throws PlanEditError for an impossible one. */
export function applyEdits(yaml: string, edits: readonly PlanEdit[]): string {
  const doc = parseDocument(yaml);
  if (doc.errors.length > 0)
    throw new PlanEditError(`the YAML does not parse: ${doc.errors[0]?.message}`);
  for (const edit of edits) apply(doc, edit);
  // lineWidth 0: long lines stay as written instead of being folded anew.
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

export const applyEdit = (yaml: string, edit: PlanEdit): string => applyEdits(yaml, [edit]);

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

function apply(doc: Document, edit: PlanEdit): void {
  switch (edit.op) {
    case "organisation":
      setOrganisation(doc, edit.name, edit.time_zone);
      break;
    case "add-person":
      addPerson(doc, edit.person);
      break;
    case "update-person":
      updatePerson(doc, edit.id, edit.person);
      break;
    case "remove-person":
      removePerson(doc, edit.id);
      break;
    case "replace-example-team":
      replaceExampleTeam(doc, edit.people);
      break;
    case "role-holders":
      setRoleHolders(doc, edit.role, edit.people);
      break;
    case "rotation":
      setRotation(doc, edit.role, edit.rotation);
      break;
    case "channel":
      setChannel(doc, edit.id, edit.channel);
      break;
    case "escalation":
      setEscalation(doc, edit.severity, edit.steps);
      break;
    case "obligation-recipient":
      setIn(doc, ["compliance", indexOf(doc, "compliance", edit.id), "recipient"], edit.recipient);
      break;
    case "obligation-enabled":
      if (edit.enabled) enableObligation(doc, edit.definition);
      else removeById(doc, "compliance", edit.id);
      break;
  }
}

// --- helpers over the document -------------------------------------------------------------

const plain = (doc: Document): PlanDraft => readPlan(doc.toString());

function seqAt(doc: Document, path: (string | number)[]): YAMLSeq | undefined {
  const node = doc.getIn(path, true);
  return isSeq(node) ? node : undefined;
}

function setIn(doc: Document, path: (string | number)[], value: unknown): void {
  doc.setIn(path, doc.createNode(value));
}

function indexOf(doc: Document, list: string, id: string): number {
  const items = (doc.get(list) as YAMLSeq | undefined)?.toJSON() as { id?: string }[] | undefined;
  const i = items?.findIndex((x) => x.id === id) ?? -1;
  if (i < 0) throw new PlanEditError(`no ${list} entry '${id}'`);
  return i;
}

function removeById(doc: Document, list: string, id: string): void {
  seqAt(doc, [list])?.delete(indexOf(doc, list, id));
}

/** Sets a top-level key; a new one goes right after `after` (so it reads in a sensible place). */
function setTopLevel(doc: Document, key: string, value: unknown, after: string[]): void {
  if (doc.has(key)) return void doc.set(key, doc.createNode(value));
  const root = doc.contents as YAMLMap;
  const pair = doc.createPair(key, value);
  const at = Math.max(
    -1,
    ...after.map((k) =>
      root.items.findIndex((p) => String((p.key as { value?: unknown })?.value ?? p.key) === k),
    ),
  );
  root.items.splice(at + 1, 0, pair);
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

function flowList(doc: Document, values: readonly string[]) {
  const seq = doc.createNode([...values]) as YAMLSeq;
  seq.flow = true;
  return seq;
}

// --- the edits -----------------------------------------------------------------------------

function setOrganisation(doc: Document, name: string, timeZone: string | undefined): void {
  if (!name.trim()) throw new PlanEditError("the organisation needs a name");
  const value: Record<string, string> = { name: name.trim() };
  if (timeZone) value.time_zone = timeZone;
  setTopLevel(doc, "organisation", value, ["title", "example"]);
}

function addPerson(doc: Document, p: PersonInput): void {
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

function updatePerson(doc: Document, id: string, p: PersonInput): void {
  const i = indexOf(doc, "team", id);
  const before = plain(doc).team[i];
  seqAt(doc, ["team"])?.set(i, personNode(doc, id, p, before?.contacts));
}

/** Removes a person and every reference to them, so that nothing points at nobody. */
function removePerson(doc: Document, id: string): void {
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
function replaceExampleTeam(doc: Document, people: readonly PersonInput[]): void {
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
function mapRecipients(doc: Document, f: (recipient: string) => string | undefined): void {
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

function setRoleHolders(doc: Document, role: string, people: readonly string[]): void {
  const plan = plain(doc);
  if (!plan.roles.some((r) => r.id === role)) throw new PlanEditError(`no role '${role}'`);
  plan.team.forEach((p, i) => {
    const has = p.roles.includes(role);
    const wants = people.includes(p.id);
    if (has === wants) return;
    const roles = wants ? [...p.roles, role] : p.roles.filter((r) => r !== role);
    doc.setIn(["team", i, "roles"], flowList(doc, roles));
  });
}

function setRotation(doc: Document, role: string, r: RotationInput | null): void {
  const rotations = plain(doc).on_call ?? [];
  const i = rotations.findIndex((x) => x.role === role);
  if (r === null) {
    if (i >= 0) seqAt(doc, ["on_call"])?.delete(i);
    return;
  }
  if (r.people.length === 0) throw new PlanEditError("a rotation needs at least one person");
  const handoff = doc.createNode({ day: r.day, time: r.time }) as YAMLMap;
  handoff.flow = true;
  if (i < 0) {
    const node = doc.createNode({ role, time_zone: r.time_zone }) as YAMLMap;
    node.set("handoff", handoff);
    node.set("starts", r.starts);
    node.set("people", flowList(doc, r.people));
    if (!seqAt(doc, ["on_call"])) setTopLevel(doc, "on_call", [], ["command", "team"]);
    seqAt(doc, ["on_call"])?.add(node);
    return;
  }
  doc.setIn(["on_call", i, "time_zone"], r.time_zone);
  doc.setIn(["on_call", i, "handoff"], handoff);
  doc.setIn(["on_call", i, "starts"], r.starts);
  doc.setIn(["on_call", i, "people"], flowList(doc, r.people));
}

function setChannel(doc: Document, id: string, c: ChannelInput | null): void {
  const channels = plain(doc).channels ?? [];
  const i = channels.findIndex((x) => x.id === id);
  if (c === null) {
    if (i < 0) throw new PlanEditError(`no channel '${id}'`);
    for (const a of plain(doc).communication?.audiences ?? [])
      if (a.channels.length === 1 && a.channels[0] === id)
        throw new PlanEditError(
          `'${id}' is the only channel of the audience '${a.name}': give it another first`,
        );
    seqAt(doc, ["channels"])?.delete(i);
    (plain(doc).communication?.audiences ?? []).forEach((a, j) => {
      if (a.channels.includes(id))
        doc.setIn(
          ["communication", "audiences", j, "channels"],
          flowList(
            doc,
            a.channels.filter((x) => x !== id),
          ),
        );
    });
    mapRecipients(doc, (r) => (r === `channel:${id}` ? undefined : r));
    return;
  }
  if (!/^[a-z0-9][a-z0-9_-]*$/.test(id))
    throw new PlanEditError("a channel id is lowercase letters, digits, '-' and '_'");
  if (!c.target.trim()) throw new PlanEditError("a channel needs a target: an address or a URL");
  const value: Record<string, string> = { id, kind: c.kind, target: c.target.trim() };
  const description = c.description?.trim() || (i >= 0 ? channels[i]?.description : undefined);
  if (description) value.description = description;
  if (i >= 0) return void seqAt(doc, ["channels"])?.set(i, doc.createNode(value));
  if (!seqAt(doc, ["channels"])) setTopLevel(doc, "channels", [], ["on_call", "team"]);
  seqAt(doc, ["channels"])?.add(doc.createNode(value));
}

function setEscalation(doc: Document, severity: string, steps: readonly StepInput[]): void {
  if (steps.length === 0) throw new PlanEditError("an escalation path needs at least one step");
  const nodes = steps.map((s) => {
    if (s.notify.length === 0) throw new PlanEditError("every step notifies someone");
    const node = doc.createNode({}) as YAMLMap;
    node.set("notify", flowList(doc, [...new Set(s.notify)]));
    node.set("after", s.after);
    return node;
  });
  const paths = plain(doc).escalation ?? [];
  const i = paths.findIndex((p) => p.severity === severity);
  const seq = doc.createNode([]) as YAMLSeq;
  for (const n of nodes) seq.add(n);
  if (i >= 0) return void doc.setIn(["escalation", i, "steps"], seq);
  const path = doc.createNode({ severity }) as YAMLMap;
  path.set("steps", seq);
  seqAt(doc, ["escalation"])?.add(path);
}

function enableObligation(doc: Document, definition: Obligation): void {
  if ((plain(doc).compliance ?? []).some((o) => o.id === definition.id)) return;
  if (!seqAt(doc, ["compliance"])) setTopLevel(doc, "compliance", [], ["escalation"]);
  seqAt(doc, ["compliance"])?.add(doc.createNode(definition));
}
