import { z } from "zod";
import { ALERT_SOURCES } from "../domain/alert.js";
import { Duration, Id, Markdown } from "./common.schema.js";

/** Entities alerts can share: a host name, a user name, an address (source or destination). */
export const PolicyEntity = z.enum(["host", "user", "ip"]);

/** Which alerts a rule looks at; every given field must hold. */
export const PolicyMatch = z.strictObject({
  /** The alert's severity is this one or above on the plan's scale. */
  min_severity: Id.optional(),
  /** Where the alert came from. */
  sources: z.array(z.enum(ALERT_SOURCES)).min(1).optional(),
  /** Sigma rule ids. */
  rules: z.array(z.string().min(1)).min(1).optional(),
  /**
   * Any of these tags; a tag also matches its sub-tags (`attack.t1003` matches
   * `attack.t1003.001`). Case does not matter.
   */
  tags: z.array(z.string().min(1)).min(1).optional(),
});

/** "N alerts sharing an entity within a time span." */
export const PolicyGroup = z.strictObject({
  by: z.union([PolicyEntity, z.literal("any")]),
  count: z.number().int().min(2, "a group needs at least 2 alerts; leave group out for 1"),
  within: Duration,
});

/** What a rule declares. */
export const PolicyDeclare = z.strictObject({
  /** Incident type from the plan. */
  type: Id,
  /** Initial severity; default: the highest severity among the alerts. */
  severity: Id.optional(),
  /** Title; `{title}` (first alert's title), `{entity}`, `{count}` are filled in. */
  title: z.string().min(1).optional(),
});

/** One rule of a declaration policy. */
export const PolicyRule = z.strictObject({
  id: Id,
  description: z.string().optional(),
  match: PolicyMatch.prefault({}),
  /** Without a group, every matching alert declares at once. */
  group: PolicyGroup.optional(),
  declare: PolicyDeclare,
});

/**
 * When alerts become incidents. Rules are tried in order for each undeclared alert; the first
 * that fires declares. Before any rule, an alert whose entity already has an incident in progress
 * is attached to it instead of opening another.
 */
export const DeclarationPolicyDocument = z.strictObject({
  kind: z.literal("declaration_policy"),
  id: Id,
  version: z.string().min(1),
  title: z.string().min(1),
  description: Markdown.optional(),
  attach: z
    .strictObject({
      to_open_incidents: z.boolean().default(true),
      entities: z.array(PolicyEntity).min(1).default(["host", "user"]),
    })
    .prefault({}),
  rules: z.array(PolicyRule).min(1),
});

export type DeclarationPolicyDocument = z.infer<typeof DeclarationPolicyDocument>;
export type PolicyRule = z.infer<typeof PolicyRule>;
export type PolicyMatch = z.infer<typeof PolicyMatch>;
export type PolicyEntity = z.infer<typeof PolicyEntity>;
