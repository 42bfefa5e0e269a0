import type { Alert } from "../alert.types.js";

interface Entry {
  alert: Alert;
  t: number;
}

/** Keys kept before old ones are swept (each key is one entity under one policy rule). */
const SWEEP_AT = 50_000;

/**
 * The sliding windows of "N alerts sharing an entity within a time" declaration rules: per
 * policy rule and entity value, the undeclared alerts seen within the rule's time span. Kept in
 * memory for speed; `hydrated` tells the policy service to refill it from the alerts table after
 * a restart, so a burst that straddles a restart still counts.
 */
export class DeclarationWindows {
  hydrated = false;
  private readonly keys = new Map<string, { within: number; entries: Map<string, Entry> }>();

  /**
   * Adds an alert to a window (or moves it, when it repeats) and returns the alerts in the window
   * afterwards: those seen no earlier than `within` ms before the newest.
   */
  add(key: string, alert: Alert, withinMs: number): Alert[] {
    let w = this.keys.get(key);
    if (!w) {
      if (this.keys.size >= SWEEP_AT) this.sweep();
      w = { within: withinMs, entries: new Map() };
      this.keys.set(key, w);
    }
    w.entries.set(alert.id, { alert, t: Date.parse(alert.last_seen) });
    let newest = Number.NEGATIVE_INFINITY;
    for (const e of w.entries.values()) if (e.t > newest) newest = e.t;
    for (const [id, e] of w.entries) if (e.t < newest - withinMs) w.entries.delete(id);
    return [...w.entries.values()].map((e) => e.alert);
  }

  /** Takes alerts out of every window (they were declared or attached). */
  forget(ids: Iterable<string>): void {
    const gone = new Set(ids);
    for (const [key, w] of this.keys) {
      for (const id of gone) w.entries.delete(id);
      if (w.entries.size === 0) this.keys.delete(key);
    }
  }

  /** Number of windows (entity keys) held. */
  get size(): number {
    return this.keys.size;
  }

  /** Drops windows whose newest alert is older than their span relative to the newest overall. */
  private sweep(): void {
    let newest = Number.NEGATIVE_INFINITY;
    const latest = new Map<string, number>();
    for (const [key, w] of this.keys) {
      let t = Number.NEGATIVE_INFINITY;
      for (const e of w.entries.values()) if (e.t > t) t = e.t;
      latest.set(key, t);
      if (t > newest) newest = t;
    }
    for (const [key, w] of this.keys)
      if ((latest.get(key) ?? 0) < newest - w.within) this.keys.delete(key);
  }
}
