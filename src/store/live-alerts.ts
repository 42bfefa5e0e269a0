import type { Alert, AlertEntities, AlertSighting } from "../detection/alert.types.js";

/** Alerts remembered; past it the first remembered is forgotten (its next sighting is written). */
const MAX_REMEMBERED = 10_000;

/** What an alert was last written with: a sighting saying the same only repeats it. */
interface Remembered {
  alert: Alert;
  title: string;
  severity: string;
  level: string | null;
  /** A rule's tags and payload are one object per rule (`SightingCollector`): same object, same content. */
  tags: object;
  payload: object;
  entities: AlertEntities;
}

/** The same entities, field by field (what the row's entity columns and JSON are made of). */
function sameEntities(a: AlertEntities, b: AlertEntities): boolean {
  return (
    a.host === b.host &&
    a.user === b.user &&
    a.source_ip === b.source_ip &&
    a.destination_ip === b.destination_ip &&
    a.process?.image === b.process?.image &&
    a.process?.pid === b.process?.pid &&
    a.process?.command_line === b.process?.command_line
  );
}

/**
 * Whether policies are done with an alert, so that a repeat can change nothing but its count:
 * attached to an incident, or suppressed with no end (an alert in the triage queue, or suppressed
 * until a time, may be declared or reopened by its next sighting, which must be written at once).
 */
const settled = (a: Pick<Alert, "status" | "incident_id" | "suppressed_until">) =>
  a.status === "suppressed"
    ? a.suppressed_until === null
    : a.status !== "resolved" && a.incident_id !== null;

/**
 * The live alerts this process last wrote, by key, that a repeat may be deferred for
 * (`alert-repeats.ts`): a sighting of a remembered key whose content is what was written is a
 * repeat, counted later with many others; anything else is written at once. Forgotten when the
 * alert's status changes here, or when a flush finds it changed elsewhere.
 */
export class LiveAlerts {
  private readonly byKey = new Map<string, Remembered>();
  private readonly keyById = new Map<string, string>();

  /** The alert a folded sighting only repeats, if this process knows it and it is settled. */
  repeatOf(key: string, s: AlertSighting): Alert | undefined {
    const r = this.byKey.get(key);
    return r &&
      r.payload === s.payload &&
      r.tags === s.tags &&
      r.title === s.title &&
      r.severity === s.severity &&
      r.level === s.level &&
      sameEntities(r.entities, s.entities)
      ? r.alert
      : undefined;
  }

  /** Remembers an alert as just written from a sighting, if it is settled; else forgets its key. */
  remember(key: string, alert: Alert, s: AlertSighting): void {
    this.forgetKey(key);
    if (!settled(alert)) return;
    const { title, severity, level, tags, payload, entities } = s;
    this.byKey.set(key, { alert, title, severity, level, tags, payload, entities });
    this.keyById.set(alert.id, key);
    if (this.byKey.size > MAX_REMEMBERED) this.forgetKey(this.byKey.keys().next().value as string);
  }

  /** Forgets an alert (its status or incident changed). */
  forget(id: string): void {
    const key = this.keyById.get(id);
    if (key !== undefined) this.forgetKey(key);
  }

  /** Forgets an alert unless it is still settled as stored now. */
  recheck(alert: Pick<Alert, "id" | "status" | "incident_id" | "suppressed_until">): void {
    if (!settled(alert)) this.forget(alert.id);
  }

  private forgetKey(key: string): void {
    const r = this.byKey.get(key);
    if (!r) return;
    this.byKey.delete(key);
    this.keyById.delete(r.alert.id);
  }
}
