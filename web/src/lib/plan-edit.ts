import { type Document, parseDocument, type YAMLMap, type YAMLSeq } from "yaml";
import type { Obligation, PlanBody } from "../api/documents";
import {
  addPerson,
  mapRecipients,
  type PersonInput,
  removePerson,
  replaceExampleTeam,
  updatePerson,
} from "./plan-edit-team";
import {
  flowList,
  indexOf,
  PlanEditError,
  plain,
  removeById,
  seqAt,
  setIn,
  setTopLevel,
} from "./plan-yaml";

/**
 * The structured plan editor's changes, as functions from a plan's YAML to new YAML. Each edit
 * goes through the `yaml` package's Document API, so comments, key order and the author's
 * layout of everything it does not touch survive; the server stays the judge (the upload
 * validates and lints the result, and refuses it with line and column).
 */

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
  /** Any kind the plan knows; the editor offers only those Firebreak sends (not phone, sms, chat). */
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

// --- the edits -----------------------------------------------------------------------------

function setOrganisation(doc: Document, name: string, timeZone: string | undefined): void {
  if (!name.trim()) throw new PlanEditError("the organisation needs a name");
  const value: Record<string, string> = { name: name.trim() };
  if (timeZone) value.time_zone = timeZone;
  setTopLevel(doc, "organisation", value, ["title", "example"]);
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
