import type { ChannelKind, Notification } from "../notification.types.js";

/** What a successful delivery learned from the peer, for the delivery log. */
export interface DeliveryOutcome {
  httpStatus?: number;
  detail?: string;
}

/** What a transport may use besides the notification, read from the plan in force at delivery. */
export interface DeliveryContext {
  /** The plan's severity ids, lowest first (chat channels colour a message by its place). */
  severities?: readonly string[];
}

/** One way of getting a message out. `deliver` resolves when the peer accepted the message. */
export interface ChannelTransport {
  readonly kind: ChannelKind;
  /**
   * Sends `notification` to the resolved `target` (URL or addresses). `attempt` is the delivery
   * attempt's number, sent along so receivers can tell retries from new messages.
   */
  deliver(
    notification: Notification,
    target: string,
    attempt: number,
    context?: DeliveryContext,
  ): Promise<DeliveryOutcome>;
  /** Releases connections (the SMTP transport's); idempotent. */
  close?(): Promise<void>;
}

/** A delivery the peer refused or that never reached it. */
export class DeliveryError extends Error {
  readonly httpStatus?: number;
  /** Retrying cannot help (bad configuration); the notification fails at once. */
  readonly permanent: boolean;

  constructor(message: string, options: { httpStatus?: number; permanent?: boolean } = {}) {
    super(message);
    this.name = "DeliveryError";
    this.httpStatus = options.httpStatus;
    this.permanent = options.permanent ?? false;
  }
}
