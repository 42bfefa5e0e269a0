/**
 * Every document kind Firebreak reads, by the `kind:` each document starts with. Listed here, not
 * only as the keys of documents/kinds.ts's schemas, because the API's contract names them too and
 * runs no documents code; kinds.ts must hold one schema for each (the compiler checks it).
 */
export const DOCUMENT_KINDS = ["plan", "procedure", "declaration_policy", "exercise"] as const;

export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
