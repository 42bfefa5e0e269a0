import type { z } from "zod";
import { DeclarationPolicyDocument } from "./declaration-policy.schema.js";
import { ExerciseDocument } from "./exercise.schema.js";
import { PlanDocument } from "./plan.schema.js";
import { ProcedureDocument } from "./procedure.schema.js";

/**
 * Every document kind Firebreak reads, by the `kind:` each document starts with. A new kind
 * (declaration policies, exercises, …) is one schema added here.
 */
export const DOCUMENT_SCHEMAS = {
  plan: PlanDocument,
  procedure: ProcedureDocument,
  declaration_policy: DeclarationPolicyDocument,
  exercise: ExerciseDocument,
} as const satisfies Record<string, z.ZodType<{ kind: string; id: string }>>;

export type DocumentKind = keyof typeof DOCUMENT_SCHEMAS;
export type DocumentBody<K extends DocumentKind = DocumentKind> = z.infer<
  (typeof DOCUMENT_SCHEMAS)[K]
>;

export const DOCUMENT_KINDS = Object.keys(DOCUMENT_SCHEMAS) as DocumentKind[];

export function isDocumentKind(kind: unknown): kind is DocumentKind {
  return typeof kind === "string" && kind in DOCUMENT_SCHEMAS;
}
