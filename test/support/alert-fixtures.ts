import { randomUUID } from "node:crypto";
import type { AlertSighting, StoredEvent } from "../../src/detection/alert.types.js";

export const FIXTURE_NOW = "2026-11-23T08:00:00.000Z";

/** A rule's sighting of host A, as the store receives it; `over` changes any part. */
export function sighting(over: Partial<AlertSighting> = {}): AlertSighting {
  return {
    scope: "rule",
    dedup_key: "r1:host=a",
    source: "rule",
    rule_id: "r1",
    integration_id: null,
    title: "Something odd",
    severity: "emergency",
    level: "high",
    entities: { host: "A", user: "bob", source_ip: "10.0.0.1" },
    tags: ["attack.t1059"],
    payload: { rule: { id: "r1" } },
    count: 1,
    first_seen: FIXTURE_NOW,
    last_seen: FIXTURE_NOW,
    status: "open",
    event_ids: [],
    ...over,
  };
}

/** A stored event received at `receivedAt`, with a NUL in its host and its raw text. */
export function event(receivedAt: string, over: Partial<StoredEvent> = {}): StoredEvent {
  return {
    id: randomUUID(),
    received_at: receivedAt,
    time: null,
    time_source: "event",
    source: "test",
    integration_id: null,
    entities: { host: "A\0B", process: { image: "x.exe", pid: 7 } },
    raw: { message: "hello \u0000 world", n: 1 },
    ...over,
  };
}
