import type { z } from "zod";
import type { DocumentKind } from "../domain/document-kind.js";
import { DeclarationPolicyDocument } from "./declaration-policy.schema.js";
import { ExerciseDocument } from "./exercise.schema.js";
import { PlanDocument } from "./plan.schema.js";
import { ProcedureDocument } from "./procedure.schema.js";

/**
 * The schema of every document kind (domain/document-kind.ts). A new kind (declaration policies,
 * exercises, …) is its name there and one schema added here.
 */
export const DOCUMENT_SCHEMAS = {
  plan: PlanDocument,
  procedure: ProcedureDocument,
  declaration_policy: DeclarationPolicyDocument,
  exercise: ExerciseDocument,
} as const satisfies Record<DocumentKind, z.ZodType<{ kind: string; id: string }>>;

export type DocumentBody<K extends DocumentKind = DocumentKind> = z.infer<
  (typeof DOCUMENT_SCHEMAS)[K]
>;

export function isDocumentKind(kind: unknown): kind is DocumentKind {
  return typeof kind === "string" && kind in DOCUMENT_SCHEMAS;
}
