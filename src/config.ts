import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { z } from "zod";
import { parseEgressAllow } from "./auth/egress.js";
import { BUILTIN_LIBRARY_DIR } from "./documents/library.js";
import { ROLES, type Role } from "./domain/access-roles.js";
import { durationMs, isDuration } from "./domain/duration.js";

/**
 * The only reader of process.env. Flags win over environment variables, which win over
 * defaults. Parsed once, validated with every problem listed, frozen, and passed in.
 */
const ConfigSchema = z.strictObject({
  port: z.coerce
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(0)
    .max(65535, "must be at most 65535"),
  host: z.string().min(1),
  dataDir: z.string().min(1),
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional(),
  library: z.array(z.string().min(1)).min(1),
  rules: z.array(z.string().min(1)),
  logLevel: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]),
  publicUrl: z.string().url("must be a URL such as https://firebreak.example.org").optional(),
  /** Where e-mail notifications go out, e.g. `smtp://user:pass@mail.example.org:587`. */
  smtpUrl: z
    .string()
    .regex(/^smtps?:\/\/[^/]/, "must be an smtp:// or smtps:// URL such as smtp://127.0.0.1:25")
    .optional(),
  mailFrom: z.string().regex(/@/, "must be an address such as firebreak@example.org"),
  /** Key for the HMAC-SHA256 signature on outgoing webhooks. */
  webhookSecret: z.string().min(16, "must be at least 16 characters").optional(),
  /** Key for the HMAC on acknowledgement links; generated and kept in the database when unset. */
  ackSecret: z.string().min(16, "must be at least 16 characters").optional(),
  /** How long raw events are kept (alerts stay); an ISO 8601 duration. */
  eventRetention: z.string().refine(isDuration, "must be an ISO 8601 duration such as P30D"),
  /** How often the retention job deletes expired events; at least a second. */
  eventRetentionInterval: z
    .string()
    .refine(isDuration, "must be an ISO 8601 duration such as PT1H")
    .refine((d) => !isDuration(d) || durationMs(d) >= 1000, "must be at least PT1S"),
  /** How long finished jobs (sent notifications, fired timers) are kept; an ISO 8601 duration. */
  jobRetention: z.string().refine(isDuration, "must be an ISO 8601 duration such as P30D"),
  /** Largest event batch `POST /api/v1/events` takes, compressed or not, in bytes. */
  maxEventBytes: z.coerce
    .number({ error: "must be a number" })
    .int("must be a whole number of bytes")
    .min(1024, "must be at least 1024"),
  /** Largest evidence file an upload may bring, in bytes (docs/evidence.md). */
  evidenceMaxBytes: z.coerce
    .number({ error: "must be a number" })
    .int("must be a whole number of bytes")
    .min(1, "must be at least 1"),
  /** The first admin, created at start only while no user exists (with `adminPassword`). */
  adminEmail: z
    .string()
    .regex(/^[^\s@]+@[^\s@]+$/, "must be an e-mail address")
    .optional(),
  adminPassword: z.string().min(12, "must be at least 12 characters").optional(),
  /** Hosts and CIDRs outgoing webhooks may reach although private (auth/egress.ts). */
  egressAllow: z.array(z.string().min(1)).superRefine((entries, ctx) => {
    try {
      parseEgressAllow(entries);
    } catch (e) {
      ctx.addIssue({ code: "custom", message: (e as Error).message });
    }
  }),
  /**
   * Which proxies to believe about the client address (X-Forwarded-For): `true`, a hop count, or
   * comma-separated addresses/CIDRs. Sign-in limits per address depend on it behind a proxy.
   */
  trustProxy: z.string().min(1).optional(),
  /** The Bearer token `GET /api/v1/metrics/prometheus` asks for; unset, that route is a 404. */
  metricsToken: z.string().min(16, "must be at least 16 characters").optional(),
  /** `host:port` of a listener that serves only `/metrics`, without a token (docs/operations.md). */
  metricsListen: z
    .string()
    .regex(/^(\[[0-9a-fA-F:.]+\]|[^:\s]+):\d{1,5}$/, "must be host:port, such as 127.0.0.1:9464")
    .optional(),
  /** Requests per minute one ingestion token (or integration key) may send. */
  ingestRateLimit: z.coerce
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(1, "must be at least 1"),
  /**
   * Worker threads that match ingested events against the Sigma rules (docs/detection.md,
   * "Threads"); 0 matches them on the server's own thread.
   */
  detectionThreads: z.coerce
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(0, "must be 0 (no worker threads) or more")
    .max(64, "must be at most 64"),
  /** How long before an incident's first activity its changes are shown (docs/integrations.md). */
  changeWindow: z
    .string()
    .refine(isDuration, "must be an ISO 8601 duration such as PT4H")
    .refine((d) => !isDuration(d) || durationMs(d) > 0, "must be longer than nothing"),
  /** OpenID Connect single sign-on (docs/integrations.md#openid-connect); off while unset. */
  oidcIssuer: z
    .string()
    .url("must be the provider's issuer URL such as https://sso.example.org/realms/corp")
    .refine(
      (u) => !URL.canParse(u) || httpsOrLoopback(new URL(u)),
      "must be https (plain http only on this machine's loopback, for tests)",
    )
    .optional(),
  oidcClientId: z.string().min(1).optional(),
  oidcClientSecret: z.string().min(1).optional(),
  /** Shown on the sign-in button: "Sign in with <name>". */
  oidcName: z.string().min(1).max(60, "must be at most 60 characters"),
  oidcScopes: z.string().regex(/(^|\s)openid(\s|$)/, "must include openid"),
  /** The claim holding a user's groups; a dotted path (realm_access.roles) reaches nested ones. */
  oidcGroupsClaim: z.string().min(1),
  /** `group=role` pairs, comma-separated; the highest role a user's groups give wins. */
  oidcRoleGroups: z.string().transform(parseRoleGroups),
  /** The role of a user none of whose groups is mapped; `none` refuses their sign-in. */
  oidcDefaultRole: z.enum(["none", ...ROLES]),
  /** `off`: only the break-glass addresses may sign in with a password. */
  passwordSignIn: z.enum(["on", "off"], { error: "must be on or off" }),
  breakGlassEmails: z.array(z.string().regex(/^[^\s@]+@[^\s@]+$/, "must be e-mail addresses")),
});

export type Config = Readonly<z.infer<typeof ConfigSchema>>;

/** Flags as commander hands them over; every one optional. */
export interface ConfigFlags {
  port?: string | number;
  host?: string;
  dataDir?: string;
  databaseUrl?: string;
  library?: string[];
  rules?: string[];
  logLevel?: string;
  publicUrl?: string;
  smtpUrl?: string;
  mailFrom?: string;
  // No flag for webhookSecret: a secret on the command line shows in `ps` and shell history.
}

/** The environment variable behind each setting, for messages and the README. */
export const ENV_NAMES: Record<keyof Config, string> = {
  port: "PORT",
  host: "FIREBREAK_HOST",
  dataDir: "FIREBREAK_DATA_DIR",
  databaseUrl: "DATABASE_URL",
  library: "FIREBREAK_LIBRARY",
  rules: "FIREBREAK_RULES",
  logLevel: "LOG_LEVEL",
  publicUrl: "FIREBREAK_PUBLIC_URL",
  smtpUrl: "FIREBREAK_SMTP_URL",
  mailFrom: "FIREBREAK_MAIL_FROM",
  webhookSecret: "FIREBREAK_WEBHOOK_SECRET",
  ackSecret: "FIREBREAK_ACK_SECRET",
  eventRetention: "FIREBREAK_EVENT_RETENTION",
  eventRetentionInterval: "FIREBREAK_EVENT_RETENTION_INTERVAL",
  jobRetention: "FIREBREAK_JOB_RETENTION",
  maxEventBytes: "FIREBREAK_MAX_EVENT_BYTES",
  evidenceMaxBytes: "FIREBREAK_EVIDENCE_MAX_BYTES",
  adminEmail: "FIREBREAK_ADMIN_EMAIL",
  adminPassword: "FIREBREAK_ADMIN_PASSWORD",
  egressAllow: "FIREBREAK_EGRESS_ALLOW",
  trustProxy: "FIREBREAK_TRUST_PROXY",
  ingestRateLimit: "FIREBREAK_INGEST_RATE_LIMIT",
  detectionThreads: "FIREBREAK_DETECTION_THREADS",
  metricsToken: "FIREBREAK_METRICS_TOKEN",
  metricsListen: "FIREBREAK_METRICS_LISTEN",
  changeWindow: "FIREBREAK_CHANGE_WINDOW",
  oidcIssuer: "FIREBREAK_OIDC_ISSUER",
  oidcClientId: "FIREBREAK_OIDC_CLIENT_ID",
  oidcClientSecret: "FIREBREAK_OIDC_CLIENT_SECRET",
  oidcName: "FIREBREAK_OIDC_NAME",
  oidcScopes: "FIREBREAK_OIDC_SCOPES",
  oidcGroupsClaim: "FIREBREAK_OIDC_GROUPS_CLAIM",
  oidcRoleGroups: "FIREBREAK_OIDC_ROLE_GROUPS",
  oidcDefaultRole: "FIREBREAK_OIDC_DEFAULT_ROLE",
  passwordSignIn: "FIREBREAK_OIDC_PASSWORD_SIGN_IN",
  breakGlassEmails: "FIREBREAK_OIDC_BREAK_GLASS",
};

/** Settings whose value an error message must not repeat. */
const SECRETS: ReadonlySet<keyof Config> = new Set([
  "adminPassword",
  "databaseUrl",
  "smtpUrl",
  "webhookSecret",
  "ackSecret",
  "oidcClientSecret",
  "metricsToken",
]);

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

const list = (v: string | undefined) => (v ? v.split(":").filter(Boolean) : undefined);
const blank = (v: string | undefined) => (v === "" ? undefined : v);

export function loadConfig(flags: ConfigFlags = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const raw = {
    port: flags.port ?? blank(env.PORT) ?? 8080,
    host: flags.host ?? blank(env.FIREBREAK_HOST) ?? "127.0.0.1",
    dataDir: resolve(flags.dataDir ?? blank(env.FIREBREAK_DATA_DIR) ?? "data"),
    databaseUrl: flags.databaseUrl ?? blank(env.DATABASE_URL),
    library: (flags.library?.length ? flags.library : list(env.FIREBREAK_LIBRARY)) ?? [
      BUILTIN_LIBRARY_DIR,
    ],
    rules: [...(list(env.FIREBREAK_RULES) ?? []), ...(flags.rules ?? [])],
    logLevel: flags.logLevel ?? blank(env.LOG_LEVEL) ?? "info",
    publicUrl: flags.publicUrl ?? blank(env.FIREBREAK_PUBLIC_URL),
    smtpUrl: flags.smtpUrl ?? blank(env.FIREBREAK_SMTP_URL),
    mailFrom: flags.mailFrom ?? blank(env.FIREBREAK_MAIL_FROM) ?? "firebreak@localhost",
    webhookSecret: blank(env.FIREBREAK_WEBHOOK_SECRET),
    ackSecret: blank(env.FIREBREAK_ACK_SECRET),
    eventRetention: blank(env.FIREBREAK_EVENT_RETENTION) ?? "P30D",
    eventRetentionInterval: blank(env.FIREBREAK_EVENT_RETENTION_INTERVAL) ?? "PT1H",
    jobRetention: blank(env.FIREBREAK_JOB_RETENTION) ?? "P30D",
    maxEventBytes: blank(env.FIREBREAK_MAX_EVENT_BYTES) ?? 10 * 1024 * 1024,
    evidenceMaxBytes: blank(env.FIREBREAK_EVIDENCE_MAX_BYTES) ?? 2 * 1024 ** 3,
    // No flag for the admin password: a secret on the command line shows in `ps` and history.
    adminEmail: blank(env.FIREBREAK_ADMIN_EMAIL),
    adminPassword: blank(env.FIREBREAK_ADMIN_PASSWORD),
    egressAllow: (env.FIREBREAK_EGRESS_ALLOW ?? "")
      .split(",")
      .map((h) => h.trim())
      .filter(Boolean),
    trustProxy: blank(env.FIREBREAK_TRUST_PROXY),
    ingestRateLimit: blank(env.FIREBREAK_INGEST_RATE_LIMIT) ?? 1200,
    // The server's own thread is busy with requests and the database: the other cores match.
    detectionThreads:
      blank(env.FIREBREAK_DETECTION_THREADS) ?? Math.max(0, availableParallelism() - 1),
    metricsToken: blank(env.FIREBREAK_METRICS_TOKEN),
    metricsListen: blank(env.FIREBREAK_METRICS_LISTEN),
    changeWindow: blank(env.FIREBREAK_CHANGE_WINDOW) ?? "PT4H",
    // No flag for the client secret: a secret on the command line shows in `ps` and history.
    oidcIssuer: blank(env.FIREBREAK_OIDC_ISSUER),
    oidcClientId: blank(env.FIREBREAK_OIDC_CLIENT_ID),
    oidcClientSecret: blank(env.FIREBREAK_OIDC_CLIENT_SECRET),
    oidcName: blank(env.FIREBREAK_OIDC_NAME) ?? "single sign-on",
    oidcScopes: blank(env.FIREBREAK_OIDC_SCOPES) ?? "openid email profile",
    oidcGroupsClaim: blank(env.FIREBREAK_OIDC_GROUPS_CLAIM) ?? "groups",
    oidcRoleGroups: env.FIREBREAK_OIDC_ROLE_GROUPS ?? "",
    oidcDefaultRole: blank(env.FIREBREAK_OIDC_DEFAULT_ROLE) ?? "none",
    passwordSignIn: blank(env.FIREBREAK_OIDC_PASSWORD_SIGN_IN) ?? "on",
    breakGlassEmails: (env.FIREBREAK_OIDC_BREAK_GLASS ?? "")
      .split(",")
      .map((e) => e.trim().toLowerCase())
      .filter(Boolean),
  };
  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => {
        const key = i.path[0] as keyof Config;
        const value = raw[key];
        const shown = SECRETS.has(key) ? "redacted" : JSON.stringify(value);
        return `${ENV_NAMES[key] ?? key} (${shown}): ${i.message}`;
      }),
    );
  }
  if (!parsed.data.adminEmail !== !parsed.data.adminPassword)
    throw new ConfigError([
      "FIREBREAK_ADMIN_EMAIL and FIREBREAK_ADMIN_PASSWORD: set both (the first admin) or neither",
    ]);
  const sso = oidcProblems(parsed.data);
  if (sso.length > 0) throw new ConfigError(sso);
  return Object.freeze(parsed.data);
}

/** Plain http is for a provider on this machine (tests, a local Keycloak), never across a network. */
function httpsOrLoopback(url: URL): boolean {
  return (
    url.protocol === "https:" ||
    (url.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname))
  );
}

/** `firebreak-admins=admin, ir-team=responder` → pairs; a group name may itself hold `=`. */
function parseRoleGroups(text: string, ctx: z.RefinementCtx): { group: string; role: Role }[] {
  const pairs: { group: string; role: Role }[] = [];
  for (const entry of text
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean)) {
    const eq = entry.lastIndexOf("=");
    const group = entry.slice(0, eq).trim();
    const role = entry.slice(eq + 1).trim() as Role;
    if (eq <= 0 || !group || !ROLES.includes(role))
      ctx.addIssue({
        code: "custom",
        message: `'${entry}' is not group=role (role one of ${ROLES.join(", ")})`,
      });
    else pairs.push({ group, role });
  }
  return pairs;
}

/** What single sign-on needs together: every missing piece named, not only the first. */
function oidcProblems(c: z.infer<typeof ConfigSchema>): string[] {
  const problems: string[] = [];
  if (!c.oidcIssuer) {
    if (c.oidcClientId || c.oidcClientSecret || c.oidcRoleGroups.length > 0)
      problems.push("FIREBREAK_OIDC_ISSUER: set it too, or no single sign-on setting applies");
    if (c.passwordSignIn === "off")
      problems.push(
        "FIREBREAK_OIDC_PASSWORD_SIGN_IN (off): needs FIREBREAK_OIDC_ISSUER, or nobody but the break-glass admins could sign in",
      );
    return problems;
  }
  if (!c.oidcClientId) problems.push("FIREBREAK_OIDC_CLIENT_ID: needed with FIREBREAK_OIDC_ISSUER");
  if (!c.publicUrl)
    problems.push(
      "FIREBREAK_PUBLIC_URL: needed with FIREBREAK_OIDC_ISSUER (the redirect URI the provider knows is <public URL>/api/v1/auth/oidc/callback)",
    );
  return problems;
}
