import type { ClockRecordStore } from "../compliance/clock-record.types.js";
import type { Config } from "../config.js";
import { END_STATES } from "../domain/incident/phase.js";
import type { ResponseDeps } from "../response/deps.js";
import type { AckNonceStore, EscalationStore, SecretStore } from "./escalation/escalation.types.js";
import type { NotificationDeps } from "./notification.service.js";

/** The stores escalation, status updates and clocks add to the runtime. */
export interface CommsStores {
  escalations: EscalationStore;
  ackNonces: AckNonceStore;
  serverSecrets: SecretStore;
  clockRecords: ClockRecordStore;
}

/** What the escalation, status-update and clock use cases take; a `Runtime` has all of it. */
export interface CommsDeps extends ResponseDeps, NotificationDeps, CommsStores {
  config: Pick<Config, "ackSecret">;
}

/** What the background handlers need on top: where people's links should point. */
export interface HandlerDeps extends CommsDeps {
  /** Base URL for links in messages, e.g. `https://firebreak.example.org` (no trailing slash). */
  linkBase: string;
}

/** Phases after which nothing more is paged or reminded about. */
export const ENDED_PHASES: ReadonlySet<string> = new Set(END_STATES);

/** `config.publicUrl`, else the address the server listens on (0.0.0.0 means this host). */
export function linkBaseFor(
  config: Pick<Config, "publicUrl" | "host" | "port">,
  port = config.port,
): string {
  if (config.publicUrl) return config.publicUrl.replace(/\/+$/, "");
  const host = ["0.0.0.0", "::", ""].includes(config.host) ? "127.0.0.1" : config.host;
  return `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
}
