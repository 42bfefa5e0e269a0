/**
 * Per-event evaluation context. Field names are interned to integer slots when rules compile;
 * while one event is evaluated, each slot's raw value and lowercased string are computed at most
 * once and cached in flat arrays stamped with an epoch number (so nothing is cleared between
 * events and no per-event Map is allocated).
 */

import { leafValues } from "../events/flatten.js";

/** Interns field names to dense integer slots, shared by all rules of one compilation. */
export class FieldRegistry {
  private readonly map = new Map<string, number>();
  /** Field name of every slot. */
  readonly names: string[] = [];

  /** The slot of a field name, allocating one on first use. */
  slot(name: string): number {
    let s = this.map.get(name);
    if (s === undefined) {
      s = this.names.length;
      this.names.push(name);
      this.map.set(name, s);
    }
    return s;
  }

  /** The slot of a field name, or undefined when no rule uses it. */
  find(name: string): number | undefined {
    return this.map.get(name);
  }

  get size(): number {
    return this.names.length;
  }
}

/** A flat event: field name (dotted for nested objects) → value. */
export type FlatEvent = Record<string, unknown>;

/** Lowercased string form of a scalar, or null for null/undefined/objects/arrays. */
export function scalarString(v: unknown): string | null {
  switch (typeof v) {
    case "string":
      return v;
    case "number":
    case "bigint":
    case "boolean":
      return String(v);
    default:
      return null;
  }
}

function lowerScalar(v: unknown): string | null {
  const s = scalarString(v);
  return s === null ? null : s.toLowerCase();
}

/** Evaluation context for one event at a time; reuse it across events (call `reset`). */
export class EventContext {
  fields: FlatEvent = {};
  private epoch = 0;
  private stampRaw = new Int32Array(0);
  private stampLow = new Int32Array(0);
  private rawVals: unknown[] = [];
  private lowVals: (string | null)[] = [];
  private kwEpoch = -1;
  private kwValues: string[] = [];
  private kwMin = 0;

  constructor(private readonly registry: FieldRegistry) {}

  /** Points the context at a new event. */
  reset(fields: FlatEvent): void {
    this.fields = fields;
    this.epoch++;
    const n = this.registry.size;
    if (this.stampRaw.length < n) {
      const size = Math.max(n, this.stampRaw.length * 2, 64);
      const a = new Int32Array(size);
      a.set(this.stampRaw);
      this.stampRaw = a;
      const b = new Int32Array(size);
      b.set(this.stampLow);
      this.stampLow = b;
    }
  }

  /** The raw value of a slot's field (undefined when absent). */
  get(slot: number): unknown {
    if (this.stampRaw[slot] === this.epoch) return this.rawVals[slot];
    const v = this.fields[this.registry.names[slot] as string];
    this.rawVals[slot] = v;
    this.stampRaw[slot] = this.epoch;
    return v;
  }

  /** The lowercased string form of a scalar field; null when absent, null-valued or not scalar. */
  lower(slot: number): string | null {
    if (this.stampLow[slot] === this.epoch) return this.lowVals[slot] as string | null;
    const v = this.get(slot);
    const low =
      typeof v === "string" ? v.toLowerCase() : typeof v === "number" ? String(v) : lowerScalar(v);
    this.lowVals[slot] = low;
    this.stampLow[slot] = this.epoch;
    return low;
  }

  /** The string form of a scalar field, original case. */
  str(slot: number): string | null {
    return scalarString(this.get(slot));
  }

  /** Raw value of a field looked up by name (field references). */
  byName(name: string): unknown {
    return this.fields[name];
  }

  /**
   * Lowercased string forms of the event's scalar values (keyword search). With `minLength`,
   * shorter values may be left out (the prefilter cannot find a needle in them anyway).
   */
  keywordValues(minLength = 0): string[] {
    if (this.kwEpoch === this.epoch && this.kwMin <= minLength) return this.kwValues;
    const out: string[] = [];
    const leaves = leafValues(this.fields);
    if (leaves !== undefined) {
      for (let i = 0; i < leaves.length; i++) {
        const s = scalarString(leaves[i]);
        if (s !== null && s.length >= minLength) out.push(s.toLowerCase());
      }
    } else {
      for (const k in this.fields) {
        const v = this.fields[k];
        for (const e of Array.isArray(v) ? v : [v]) {
          const s = scalarString(e);
          if (s !== null && s.length >= minLength) out.push(s.toLowerCase());
        }
      }
    }
    this.kwValues = out;
    this.kwEpoch = this.epoch;
    this.kwMin = minLength;
    return out;
  }
}
