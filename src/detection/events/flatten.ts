/**
 * Flattening of event JSON into one level of fields that Sigma rules can name:
 *
 * - Windows event JSON (`Event.System`, `Event.EventData`, `Event.UserData`, as evtx_dump and
 *   similar tools write it): System children become `EventID`, `Channel`, `Computer`,
 *   `Provider_Name`, `TimeCreated_SystemTime`, `Execution_ProcessID`… (tag and attribute joined
 *   with `_`, per the Sigma specification); EventData and UserData children become top-level
 *   fields (`Image`, `CommandLine`…). Names with spaces also appear without them.
 * - Winlogbeat (`winlog.event_data`, `winlog.channel`…): the same Windows names, plus ECS fields.
 * - ECS / any nested JSON: dotted paths (`process.command_line`); arrays of objects collect each
 *   leaf into an array (`dns.answers.data`). Flat events pass through unchanged.
 */

import { MAX_JSON_DEPTH } from "../../domain/json-limits.js";

/** A flat event: field name → scalar, null, or array of scalars. */
export type Fields = Record<string, unknown>;

/**
 * Key of a hidden (symbol-keyed, never enumerated or serialised) list of the event's leaf values,
 * filled while flattening. Flat events have many keys, which puts them in V8's slow "dictionary"
 * mode where enumerating keys costs microseconds; keyword search reads this list instead.
 */
export const LEAF_VALUES: unique symbol = Symbol.for("firebreak.leafValues");

/** The leaf values recorded by `flattenEvent`, if any. */
export function leafValues(f: Fields): unknown[] | undefined {
  return (f as { [LEAF_VALUES]?: unknown[] })[LEAF_VALUES];
}

/** Records a value added after flattening (derived fields), so keyword search sees it. */
export function addLeafValue(f: Fields, v: unknown): void {
  leafValues(f)?.push(v);
}

function leaves(out: Fields): unknown[] {
  let l = leafValues(out);
  if (l === undefined) {
    l = [];
    Object.defineProperty(out, LEAF_VALUES, { value: l, enumerable: false });
  }
  return l;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function addField(out: Fields, key: string, value: unknown): void {
  leaves(out).push(value);
  const prev = out[key];
  if (prev === undefined) out[key] = value;
  else if (Array.isArray(prev)) prev.push(value);
  else out[key] = [prev, value];
}

/** A container still being flattened: its entries, the next one to visit. */
interface Frame {
  entries: [string, unknown][];
  next: number;
  /** The items of an array of objects, all under the array's own key. */
  items?: boolean;
  /** Gather `#text` under the object's own name once its children are done. */
  text?: { key: string; value: unknown };
}

/**
 * Flattens nested objects into dotted keys (arrays of objects gather values per leaf path).
 * Iterative, with an explicit stack: an event nested thousands of levels deep costs time in
 * proportion to its size, never the call stack.
 */
export function flattenNested(obj: Record<string, unknown>, prefix = "", out: Fields = {}): Fields {
  const stack: Frame[] = [{ entries: entriesOf(obj, prefix), next: 0 }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as Frame;
    if (frame.next >= frame.entries.length) {
      stack.pop();
      if (frame.text) addField(out, frame.text.key, frame.text.value);
      continue;
    }
    const [key, v] = frame.entries[frame.next++] as [string, unknown];
    if (frame.items) {
      if (isObject(v)) stack.push({ entries: entriesOf(v, key), next: 0 });
      else addField(out, key, v);
    } else if (isObject(v)) {
      const frameOfV: Frame = { entries: entriesOf(v, key), next: 0 };
      // Keep an object whose only content is `#text` reachable by its own name.
      if ("#text" in v) frameOfV.text = { key, value: v["#text"] };
      stack.push(frameOfV);
    } else if (Array.isArray(v) && v.some(isObject)) {
      stack.push({ entries: v.map((item) => [key, item]), next: 0, items: true });
    } else if (out[key] === undefined) {
      out[key] = v;
      if (Array.isArray(v)) leaves(out).push(...v);
      else leaves(out).push(v);
    } else addField(out, key, v);
  }
  leaves(out);
  return out;
}

function entriesOf(obj: Record<string, unknown>, prefix: string): [string, unknown][] {
  const entries: [string, unknown][] = [];
  for (const k in obj) entries.push([prefix === "" ? k : `${prefix}.${k}`, obj[k]]);
  return entries;
}

/** Text content of an XML-derived JSON value (`{"#text": x}` → x). */
function textOf(v: unknown): unknown {
  if (isObject(v) && "#text" in v) return v["#text"];
  return v;
}

function setData(out: Fields, name: string, value: unknown, l = leaves(out)): void {
  out[name] = value;
  if (Array.isArray(value)) l.push(...value);
  else l.push(value);
  if (name.includes(" ")) {
    const squeezed = name.replace(/\s+/g, "");
    if (out[squeezed] === undefined) out[squeezed] = value;
  }
}

/**
 * Copies EventData / UserData children to top-level fields. Descends into wrapper elements at most
 * `MAX_JSON_DEPTH` levels (real ones are one level), so the recursion is bounded.
 */
function flattenData(data: unknown, out: Fields, depth = 1): void {
  if (!isObject(data)) {
    if (typeof data === "string" && data !== "") setData(out, "EventData", data);
    return;
  }
  const l = leaves(out);
  for (const k in data) {
    const v = data[k];
    if (typeof v !== "object" || v === null) {
      // The common case: a named scalar.
      if (k !== "xmlns") setData(out, k, v, l);
      continue;
    }
    if (k === "#attributes") continue;
    if (k === "Data" && Array.isArray(v)) {
      // XML-style list: [{"#attributes": {"Name": "Image"}, "#text": "..."}, "plain text"]
      const unnamed: unknown[] = [];
      for (const item of v) {
        const name =
          isObject(item) && isObject(item["#attributes"]) ? item["#attributes"].Name : undefined;
        if (typeof name === "string") setData(out, name, textOf(item));
        else unnamed.push(textOf(item));
      }
      if (unnamed.length > 0) setData(out, "Data", unnamed.length === 1 ? unnamed[0] : unnamed);
    } else if (isObject(v)) {
      const attrs = v["#attributes"];
      const name = isObject(attrs) ? attrs.Name : undefined;
      if (typeof name === "string") setData(out, name, textOf(v));
      else if ("#text" in v) setData(out, k, v["#text"]);
      // UserData wraps its fields in one element named after the event (e.g. LogFileCleared).
      else if (depth < MAX_JSON_DEPTH) flattenData(v, out, depth + 1);
    } else setData(out, k, textOf(v), l);
  }
}

const attrNames = new Map<string, Map<string, string>>();

/** `Provider` + `Name` → `Provider_Name`, without building the string each time. */
function attrName(k: string, a: string): string {
  let m = attrNames.get(k);
  if (m === undefined) {
    if (attrNames.size > 1000) attrNames.clear();
    m = new Map();
    attrNames.set(k, m);
  }
  let n = m.get(a);
  if (n === undefined) {
    n = `${k}_${a}`;
    if (m.size < 100) m.set(a, n);
  }
  return n;
}

/** Flattens the `System` element: `Provider.#attributes.Name` → `Provider_Name`. */
function flattenSystem(sys: Record<string, unknown>, out: Fields): void {
  const l = leaves(out);
  for (const k in sys) {
    const v = sys[k];
    if (typeof v !== "object" || v === null || Array.isArray(v)) {
      out[k] = v;
      l.push(v);
      continue;
    }
    const el = v as Record<string, unknown>;
    const attrs = el["#attributes"];
    if (isObject(attrs)) {
      for (const a in attrs) {
        out[attrName(k, a)] = attrs[a];
        l.push(attrs[a]);
      }
    }
    if ("#text" in el) {
      out[k] = el["#text"];
      l.push(el["#text"]);
    }
  }
}

/** True when the value looks like Windows event JSON (`{"Event": {"System": ...}}`). */
export function isWindowsEventJson(raw: Record<string, unknown>): boolean {
  const ev = raw.Event;
  return isObject(ev) && isObject(ev.System);
}

/** Flattens Windows event JSON. */
export function flattenWindowsEvent(raw: Record<string, unknown>): Fields {
  const ev = raw.Event as Record<string, unknown>;
  const out: Fields = {};
  flattenSystem(ev.System as Record<string, unknown>, out);
  if (ev.EventData !== undefined) flattenData(ev.EventData, out);
  if (ev.UserData !== undefined) flattenData(ev.UserData, out);
  leaves(out);
  // Other top-level keys next to Event (e.g. tool metadata) stay reachable with dotted names.
  for (const k in raw) if (k !== "Event") flattenNested({ [k]: raw[k] }, "", out);
  return out;
}

const WINLOG_NAMES: Record<string, string> = {
  event_id: "EventID",
  channel: "Channel",
  provider_name: "Provider_Name",
  provider_guid: "Provider_Guid",
  computer_name: "Computer",
  record_id: "EventRecordID",
  task: "Task",
  opcode: "Opcode",
  version: "Version",
  "process.pid": "Execution_ProcessID",
  "process.thread.id": "Execution_ThreadID",
  "user.identifier": "Security_UserID",
};

/** Flattens any JSON event (Windows, Winlogbeat, ECS nested or flat). */
export function flattenEvent(raw: unknown): Fields {
  if (!isObject(raw)) return flattenNested({ value: raw });
  if (isWindowsEventJson(raw)) return flattenWindowsEvent(raw);
  const out = flattenNested(raw);
  const winlog = raw.winlog;
  if (isObject(winlog)) {
    const w = flattenNested(winlog);
    for (const [from, to] of Object.entries(WINLOG_NAMES)) {
      if (w[from] !== undefined && out[to] === undefined) out[to] = w[from];
    }
    if (typeof out.EventID === "string" && /^\d+$/.test(out.EventID))
      out.EventID = Number(out.EventID);
    for (const part of ["event_data", "user_data"]) {
      const d = winlog[part];
      if (isObject(d)) {
        for (const k in d) if (out[k] === undefined) setData(out, k, textOf(d[k]));
      }
    }
  }
  return out;
}
