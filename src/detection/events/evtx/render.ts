/**
 * A parsed record as JSON in the shape evtx_dump writes (and `flattenWindowsEvent` reads):
 * an element with only text is its value (`"EventID": 4688`), an empty one is null
 * (`"Correlation": null`), attributes go under `#attributes` with the text under `#text`
 * (`"TimeCreated": {"#attributes": {"SystemTime": "…"}}`), `<Data Name="Image">x</Data>` becomes
 * `"Image": "x"`, and repeated children (unnamed `Data`) become an array. Values keep their
 * type: numbers stay numbers. An attribute whose value is missing is left out.
 */
import type { Node, Value } from "./binxml.js";
import type { EvtxValue } from "./values.js";

type Json = EvtxValue | Json[] | { [key: string]: Json };

interface Content {
  elements: [string, Json][];
  texts: EvtxValue[];
}

/**
 * Elements and template instances one chunk's records may render together. Templates are shared
 * by offset, so a template whose body uses another one twice, that one another twice and so on
 * renders 2^depth elements from a few hundred bytes: a bomb that would exhaust memory from one
 * chunk of an uploaded file, or, spread over its records, spend minutes of CPU per chunk. A
 * chunk of real records (64 KiB) renders a few thousand.
 */
export const MAX_RENDERED_PER_CHUNK = 100_000;

/** What the records of one chunk may still render. */
export interface RenderBudget {
  left: number;
}

export const renderBudget = (): RenderBudget => ({ left: MAX_RENDERED_PER_CHUNK });

/** Renders a record's fragment: `{"Event": {...}}` for every real record. */
export function renderRecord(nodes: Node[], budget: RenderBudget): Record<string, Json> {
  const content: Content = { elements: [], texts: [] };
  collect(nodes, [], content, budget);
  return assign({}, content.elements);
}

function spend(budget: RenderBudget): void {
  if (--budget.left < 0)
    throw new Error(
      `its chunk renders more than ${MAX_RENDERED_PER_CHUNK.toLocaleString("en")} elements`,
    );
}

function collect(nodes: Node[], values: Value[], into: Content, budget: RenderBudget): void {
  for (const node of nodes) {
    if (typeof node === "string") into.texts.push(node);
    else if (node.kind === "element") {
      spend(budget);
      into.elements.push(renderElement(node, values, budget));
    } else if (node.kind === "instance") {
      spend(budget);
      collect(node.template, node.values, into, budget);
    } else if (node.kind === "sub") {
      const v = values[node.index];
      if (isFragment(v)) collect(v.nodes, [], into, budget);
      else if (v !== null && v !== undefined) into.texts.push(v);
    }
  }
}

function isFragment(v: Value | undefined): v is Extract<Value, { kind: "fragment" }> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Text parts as one value: a single part keeps its type, several join as text. */
function textOf(parts: EvtxValue[]): EvtxValue {
  if (parts.length === 0) return null;
  if (parts.length === 1) return parts[0] as EvtxValue;
  return parts.map((p) => (Array.isArray(p) ? p.join(" ") : String(p))).join("");
}

/**
 * The value of content that is one text or one substitution, the common case, without
 * gathering; undefined for anything else.
 */
function single(nodes: Node[], values: Value[]): EvtxValue | undefined {
  if (nodes.length === 0) return null;
  if (nodes.length > 1) return undefined;
  const n = nodes[0] as Node;
  if (typeof n === "string") return n;
  if (n.kind !== "sub") return undefined;
  const v = values[n.index];
  if (v === undefined) return null;
  return isFragment(v) ? undefined : v;
}

const NO_ELEMENTS: [string, Json][] = [];

function attributeValue(parts: Node[], values: Value[]): EvtxValue {
  const one = single(parts, values);
  if (one !== undefined) return one;
  const texts: EvtxValue[] = [];
  for (const p of parts) {
    if (typeof p === "string") texts.push(p);
    else if (p.kind === "sub") {
      const v = values[p.index];
      if (v !== null && v !== undefined && !isFragment(v)) texts.push(v);
    }
  }
  return textOf(texts);
}

function renderElement(
  el: Extract<Node, { kind: "element" }>,
  values: Value[],
  budget: RenderBudget,
): [string, Json] {
  let attrs: Record<string, Json> | undefined;
  let dataName: string | undefined;
  for (const a of el.attributes) {
    const v = attributeValue(a.value, values);
    if (v === null) continue;
    attrs ??= {};
    set(attrs, a.name, v);
    if (a.name === "Name" && typeof v === "string") dataName = v;
  }
  let text = single(el.children, values);
  let elements = NO_ELEMENTS;
  if (text === undefined) {
    const content: Content = { elements: [], texts: [] };
    collect(el.children, values, content, budget);
    text = textOf(content.texts);
    elements = content.elements;
  }
  // <Data Name="Image">x</Data> → "Image": "x" (EventData's named values).
  if (el.name === "Data" && dataName !== undefined && el.attributes.length === 1) {
    if (elements.length === 0) return [dataName, text];
  }
  if (elements.length === 0 && attrs === undefined) return [el.name, text];
  const out: Record<string, Json> = {};
  if (attrs !== undefined) out["#attributes"] = attrs;
  assign(out, elements);
  if (text !== null) out["#text"] = text;
  return [el.name, out];
}

/** Adds the children; a repeated name gathers its values in an array. */
function assign(obj: Record<string, Json>, entries: [string, Json][]): Record<string, Json> {
  let repeated: Set<string> | undefined;
  for (const [key, value] of entries) {
    if (!Object.hasOwn(obj, key)) set(obj, key, value);
    else if (repeated?.has(key)) (obj[key] as Json[]).push(value);
    else {
      set(obj, key, [obj[key] as Json, value]);
      repeated ??= new Set();
      repeated.add(key);
    }
  }
  return obj;
}

/** Sets a key, as an own property even for names like `__proto__` (they come from the file). */
function set(obj: Record<string, Json>, key: string, value: Json): void {
  if (key === "__proto__") {
    Object.defineProperty(obj, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else obj[key] = value;
}
