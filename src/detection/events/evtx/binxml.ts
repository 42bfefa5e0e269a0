/**
 * BinXML, the binary XML of EVTX records (libyal's "Windows XML Event Log" documentation,
 * section "Binary XML"). A record is a fragment that instantiates a template: the template (an
 * element tree with numbered substitutions) is defined once per chunk, at its first use, and
 * every record of the chunk that uses it carries only its substitution values. Templates and
 * names are parsed once per chunk and kept by their offset; a record costs its values.
 */
import { decodeValue, type EvtxValue, utf16Text, VALUE_BINXML } from "./values.js";

export interface Element {
  kind: "element";
  name: string;
  attributes: { name: string; value: Node[] }[];
  children: Node[];
}

/** A numbered hole in a template, filled from the instance's values. */
export interface Substitution {
  kind: "sub";
  index: number;
  /** An optional substitution with no value leaves its attribute out. */
  optional: boolean;
}

/** A template with its values. */
export interface Instance {
  kind: "instance";
  template: Node[];
  values: Value[];
}

/** A BinXML value (type 0x21): XML nested inside a substitution, e.g. a record's UserData. */
export interface Fragment {
  kind: "fragment";
  nodes: Node[];
}

export type Node = Element | Substitution | Instance | string;
export type Value = EvtxValue | Fragment;

/** Nesting deeper than this is not an event (and a template that uses itself would never end). */
const MAX_DEPTH = 64;
const TEMPLATE_HEADER = 24;

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

const TOKEN = {
  eof: 0x00,
  openElement: 0x01,
  closeStart: 0x02,
  closeEmpty: 0x03,
  closeElement: 0x04,
  value: 0x05,
  attribute: 0x06,
  cdata: 0x07,
  charRef: 0x08,
  entityRef: 0x09,
  piTarget: 0x0a,
  piData: 0x0b,
  templateInstance: 0x0c,
  substitution: 0x0d,
  optionalSubstitution: 0x0e,
  fragmentHeader: 0x0f,
} as const;

/** The "more follows" flag some tokens carry in bit 6. */
const MORE = 0x40;

/** Parses the BinXML of one chunk (64 KiB); `reset` before moving to the next chunk. */
export class ChunkParser {
  private readonly view: DataView;
  private readonly names = new Map<number, string>();
  private readonly templates = new Map<number, Node[]>();
  private pos = 0;

  constructor(private readonly bytes: Buffer) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Forgets the previous chunk's names and templates (offsets are relative to a chunk). */
  reset(): void {
    this.names.clear();
    this.templates.clear();
  }

  /** Parses the fragment between `from` and `to` (a record's event XML). */
  fragment(from: number, to: number): Node[] {
    this.pos = from;
    return this.nodes(to, 0, false);
  }

  private nodes(end: number, depth: number, inElement: boolean): Node[] {
    if (depth > MAX_DEPTH) throw new Error(`XML nested deeper than ${MAX_DEPTH} levels`);
    const out: Node[] = [];
    const b = this.bytes;
    while (this.pos < end) {
      const at = this.pos;
      const token = (b[at] as number) & ~MORE;
      switch (token) {
        case TOKEN.eof:
          this.pos++;
          return out;
        case TOKEN.fragmentHeader:
          this.pos += 4;
          break;
        case TOKEN.templateInstance:
          out.push(this.instance(depth + 1));
          break;
        case TOKEN.openElement:
          out.push(this.element(end, depth + 1));
          break;
        case TOKEN.closeElement:
          if (!inElement) throw new Error(`end of an element that was not open at ${at}`);
          this.pos++;
          return out;
        case TOKEN.piTarget:
          this.pos++;
          this.name();
          break;
        case TOKEN.piData:
          this.pos++;
          this.text();
          break;
        default: {
          const text = this.content(token);
          if (text === undefined) throw new Error(`unexpected token 0x${token.toString(16)}`);
          out.push(text);
        }
      }
    }
    if (inElement) throw new Error("element not closed");
    return out;
  }

  /** Text, references and substitutions: what may stand in an attribute or element content. */
  private content(token: number): Node | undefined {
    const v = this.view;
    switch (token) {
      case TOKEN.value: {
        const type = this.bytes[this.pos + 1];
        this.pos += 2;
        if (type !== 0x01) throw new Error(`value token of type 0x${type?.toString(16)}`);
        return this.text();
      }
      case TOKEN.cdata:
        this.pos++;
        return this.text();
      case TOKEN.charRef:
        this.pos += 3;
        return String.fromCharCode(v.getUint16(this.pos - 2, true));
      case TOKEN.entityRef: {
        this.pos++;
        const name = this.name();
        return ENTITIES[name] ?? `&${name};`;
      }
      case TOKEN.substitution:
      case TOKEN.optionalSubstitution:
        this.pos += 4;
        return {
          kind: "sub",
          index: v.getUint16(this.pos - 3, true),
          optional: token === TOKEN.optionalSubstitution,
        };
      default:
        return undefined;
    }
  }

  private element(end: number, depth: number): Element {
    const b = this.bytes;
    const withAttributes = ((b[this.pos] as number) & MORE) !== 0;
    // token, dependency id (u16), data size (u32), then the name's offset
    this.pos += 7;
    const name = this.name();
    if (withAttributes) this.pos += 4;
    const attributes: Element["attributes"] = [];
    while (((b[this.pos] as number) & ~MORE) === TOKEN.attribute) {
      this.pos++;
      const attrName = this.name();
      const value: Node[] = [];
      for (;;) {
        const part = this.content((b[this.pos] as number) & ~MORE);
        if (part === undefined) break;
        value.push(part);
      }
      attributes.push({ name: attrName, value });
    }
    const close = b[this.pos];
    this.pos++;
    if (close === TOKEN.closeEmpty) return { kind: "element", name, attributes, children: [] };
    if (close !== TOKEN.closeStart)
      throw new Error(`element ${name}: unexpected token 0x${close?.toString(16)}`);
    return { kind: "element", name, attributes, children: this.nodes(end, depth, true) };
  }

  /** A name by its offset; a name defined right here (first use in the chunk) is skipped over. */
  private name(): string {
    const v = this.view;
    const offset = v.getUint32(this.pos, true);
    this.pos += 4;
    const length = v.getUint16(offset + 6, true);
    if (offset === this.pos) this.pos += 8 + 2 * length + 2;
    let name = this.names.get(offset);
    if (name === undefined) {
      if (offset + 8 + 2 * length > this.bytes.length)
        throw new Error(`name at ${offset} overruns`);
      name = utf16Text(this.bytes, offset + 8, 2 * length);
      this.names.set(offset, name);
    }
    return name;
  }

  /** A length-prefixed UTF-16 string. */
  private text(): string {
    const chars = this.view.getUint16(this.pos, true);
    const s = utf16Text(this.bytes, this.pos + 2, 2 * chars);
    this.pos += 2 + 2 * chars;
    return s;
  }

  private instance(depth: number): Instance {
    const v = this.view;
    // token, unknown byte, template id (u32), then the definition's offset
    const definition = v.getUint32(this.pos + 6, true);
    this.pos += 10;
    const size = v.getUint32(definition + 20, true);
    const body = definition + TEMPLATE_HEADER;
    if (body + size > this.bytes.length) throw new Error(`template at ${definition} overruns`);
    let template = this.templates.get(definition);
    if (template === undefined) {
      const back = this.pos;
      this.pos = body;
      template = this.nodes(body + size, depth, false);
      this.templates.set(definition, template);
      this.pos = back;
    }
    // A template defined in this record sits between the instance and its values.
    if (definition === this.pos) this.pos = body + size;
    return { kind: "instance", template, values: this.values(depth) };
  }

  private values(depth: number): Value[] {
    const v = this.view;
    const count = v.getUint32(this.pos, true);
    const descriptors = this.pos + 4;
    let at = descriptors + 4 * count;
    if (at > this.bytes.length) throw new Error(`${count} substitution values overrun the chunk`);
    const out: Value[] = new Array(count);
    for (let i = 0; i < count; i++) {
      const size = v.getUint16(descriptors + 4 * i, true);
      const type = this.bytes[descriptors + 4 * i + 2] as number;
      if (at + size > this.bytes.length) throw new Error(`value ${i} overruns the chunk`);
      if (type === VALUE_BINXML) {
        this.pos = at;
        out[i] = { kind: "fragment", nodes: this.nodes(at + size, depth + 1, false) };
      } else out[i] = decodeValue(this.bytes, v, type, at, size);
      at += size;
    }
    this.pos = at;
    return out;
  }
}
