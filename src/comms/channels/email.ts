import { createTransport } from "nodemailer";
import { isExercise } from "../notification.types.js";
import { type ChannelTransport, DeliveryError } from "./channel.types.js";
import { htmlBody, incidentLabel, plainText, subjectLine } from "./render.js";

export interface EmailSettings {
  /** `smtp://user:pass@host:port` or `smtps://…`; without it e-mail fails, visibly. */
  smtpUrl?: string;
  /** The From address, e.g. `Firebreak <firebreak@example.org>`. */
  from: string;
  timeoutMs?: number;
}

/**
 * E-mail over SMTP with nodemailer. The target is one address or several separated by commas.
 * The Message-ID is derived from the notification id, so that a message delivered twice (the
 * job ran again after a crash) is recognisable as the same message by mail clients.
 */
export function emailChannel(settings: EmailSettings): ChannelTransport {
  const timeout = settings.timeoutMs ?? 20_000;
  let transport: ReturnType<typeof createTransport> | undefined;
  const open = () => {
    if (!settings.smtpUrl)
      throw new DeliveryError("e-mail is not configured: set FIREBREAK_SMTP_URL", {
        permanent: true,
      });
    transport ??= createTransport({
      url: settings.smtpUrl,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
    });
    return transport;
  };
  return {
    kind: "email",
    async deliver(n, target, attempt) {
      const headers: Record<string, string> = {
        // RFC 3834: machine-sent; out-of-office and other auto-replies stay quiet.
        "Auto-Submitted": "auto-generated",
        "X-Auto-Response-Suppress": "All",
        "X-Firebreak-Notification": n.id,
        "X-Firebreak-Attempt": String(attempt),
      };
      const incident = incidentLabel(n);
      if (incident) headers["X-Firebreak-Incident"] = incident;
      if (isExercise(n)) headers["X-Firebreak-Exercise"] = "true";
      let info: { accepted: unknown[]; rejected: unknown[]; response?: string };
      try {
        info = await open().sendMail({
          from: settings.from,
          to: target,
          subject: subjectLine(n),
          text: plainText(n),
          html: htmlBody(n),
          messageId: `<${n.id}@firebreak>`,
          headers,
        });
      } catch (e) {
        if (e instanceof DeliveryError) throw e;
        const err = e as Error & { responseCode?: number };
        // SMTP 5xx replies are permanent by definition (unknown mailbox, relay refused).
        const permanent = err.responseCode !== undefined && err.responseCode >= 500;
        throw new DeliveryError(`SMTP: ${err.message}`, { permanent });
      }
      if (info.rejected.length > 0)
        throw new DeliveryError(`SMTP server refused ${info.rejected.map(String).join(", ")}`, {
          permanent: info.accepted.length === 0,
        });
      return { detail: info.response };
    },
    async close() {
      transport?.close();
      transport = undefined;
    },
  };
}
