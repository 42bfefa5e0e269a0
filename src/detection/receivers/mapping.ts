import { z } from "zod";
import { invalidInput } from "../../domain/errors.js";

/**
 * A path into a JSON document: a JSON pointer (`/alert/labels/host`, RFC 6901) or dotted names
 * (`alert.labels.host`; array positions as numbers, `items.0.name`).
 */
const Path = z.string().min(1).max(500);

/** How a generic webhook's JSON becomes alerts. */
export const WebhookMapping = z.strictObject({
  /** Where the list of alerts is, when one request carries several; default: the body is one. */
  items: Path.optional(),
  title: Path,
  /** Default: the title (repeats of one title are one alert). */
  dedup_key: Path.optional(),
  severity: Path.optional(),
  /** The sender's word for trigger / acknowledge / resolve; default: trigger. */
  status: Path.optional(),
  /** When it happened; default: when it arrived. */
  timestamp: Path.optional(),
  entities: z
    .strictObject({
      host: Path.optional(),
      user: Path.optional(),
      source_ip: Path.optional(),
      destination_ip: Path.optional(),
    })
    .optional(),
  /** Sender severity → plan severity id or level (critical, high, medium, low, informational). */
  severity_map: z.record(z.string(), z.string()).optional(),
  /** Sender status → action. */
  status_map: z.record(z.string(), z.enum(["trigger", "acknowledge", "resolve"])).optional(),
});

/** A validated mapping document. */
export type WebhookMapping = z.infer<typeof WebhookMapping>;

/** Validates a mapping document, listing every problem. */
export function parseWebhookMapping(raw: unknown): WebhookMapping {
  const parsed = WebhookMapping.safeParse(raw);
  if (!parsed.success)
    throw invalidInput(
      "invalid webhook mapping",
      parsed.error.issues.map((i) => ({
        message: i.message,
        path: ["mapping", ...i.path.map(String)].join("."),
      })),
    );
  return parsed.data;
}

/** The value at a path, or undefined. */
export function valueAt(doc: unknown, path: string): unknown {
  const parts = path.startsWith("/")
    ? path
        .slice(1)
        .split("/")
        .map((p) => p.replaceAll("~1", "/").replaceAll("~0", "~"))
    : path.split(".");
  let cur: unknown = doc;
  for (const p of parts) {
    if (Array.isArray(cur)) {
      if (!/^\d+$/.test(p)) return undefined;
      cur = cur[Number(p)];
    } else if (typeof cur === "object" && cur !== null && Object.hasOwn(cur, p)) {
      cur = (cur as Record<string, unknown>)[p];
    } else return undefined;
  }
  return cur;
}

/** A scalar at a path as text; objects and missing values are undefined. */
export function textAt(doc: unknown, path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  const v = valueAt(doc, path);
  if (typeof v === "string") return v.trim() === "" ? undefined : v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return undefined;
}

const STATUS_WORDS: Record<string, "trigger" | "acknowledge" | "resolve"> = {
  trigger: "trigger",
  triggered: "trigger",
  firing: "trigger",
  alerting: "trigger",
  open: "trigger",
  problem: "trigger",
  critical: "trigger",
  acknowledge: "acknowledge",
  acknowledged: "acknowledge",
  ack: "acknowledge",
  resolve: "resolve",
  resolved: "resolve",
  ok: "resolve",
  closed: "resolve",
  recovered: "resolve",
  normal: "resolve",
};

/** The action a sender's status word means: the mapping's own words first, then common ones. */
export function actionOf(
  m: WebhookMapping,
  status: string | undefined,
): "trigger" | "acknowledge" | "resolve" | undefined {
  if (status === undefined) return "trigger";
  const own = m.status_map?.[status];
  if (own) return own;
  return STATUS_WORDS[status.trim().toLowerCase()];
}
