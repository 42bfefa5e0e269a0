import { type Document, isSeq, parse, type YAMLMap, type YAMLSeq } from "yaml";
import type { PlanBody } from "../api/documents";

/**
 * The plan's YAML as the structured editor reads and changes it: its data for display, and the
 * few operations on the `yaml` Document every edit is made of (plan-edit.ts, plan-edit-team.ts).
 */

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

export const plain = (doc: Document): PlanDraft => readPlan(doc.toString());

export function seqAt(doc: Document, path: (string | number)[]): YAMLSeq | undefined {
  const node = doc.getIn(path, true);
  return isSeq(node) ? node : undefined;
}

export function setIn(doc: Document, path: (string | number)[], value: unknown): void {
  doc.setIn(path, doc.createNode(value));
}

export function indexOf(doc: Document, list: string, id: string): number {
  const items = (doc.get(list) as YAMLSeq | undefined)?.toJSON() as { id?: string }[] | undefined;
  const i = items?.findIndex((x) => x.id === id) ?? -1;
  if (i < 0) throw new PlanEditError(`no ${list} entry '${id}'`);
  return i;
}

export function removeById(doc: Document, list: string, id: string): void {
  seqAt(doc, [list])?.delete(indexOf(doc, list, id));
}

/** Sets a top-level key; a new one goes right after `after` (so it reads in a sensible place). */
export function setTopLevel(doc: Document, key: string, value: unknown, after: string[]): void {
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

export function flowList(doc: Document, values: readonly string[]) {
  const seq = doc.createNode([...values]) as YAMLSeq;
  seq.flow = true;
  return seq;
}
