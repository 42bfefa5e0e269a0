import type { Actor } from "../domain/actor.js";
import type { DocumentKind } from "../domain/document-kind.js";
import type { DocumentBody } from "./kinds.js";

/** A stored version of a document. Versions are never changed; a change makes the next one. */
export interface StoredDocument<K extends DocumentKind = DocumentKind> {
  kind: K;
  id: string;
  version: number;
  /** The author's own version label (`version:` in the YAML). */
  label: string;
  title: string;
  hash: string;
  source: string;
  body: DocumentBody<K>;
  origin: string;
  createdAt: string;
  createdBy: string;
}

export interface NewDocumentVersion {
  kind: DocumentKind;
  id: string;
  label: string;
  title: string;
  hash: string;
  source: string;
  body: unknown;
  origin: string;
}

/**
 * One decision about which version of a document is in force: a version put in force (the first
 * load, or a completed approval; the previous one is thereby superseded), or the document retired.
 */
export type DocumentState = {
  kind: DocumentKind;
  id: string;
  /** 1, 2, 3… per document. */
  n: number;
  state: "in_force" | "retired";
  /** The version in force from `at` on; null when retired. */
  version: number | null;
  hash: string | null;
  at: string;
  by: string;
  reason: string;
};

/** What the document use cases need from storage. */
export interface DocumentStore {
  /**
   * The version in force of every document (of one kind, if given): what every reader uses.
   * Drafts (versions not approved yet) and retired documents are not in it.
   */
  current(kind?: DocumentKind): Promise<StoredDocument[]>;
  /** The newest version of every document (of one kind), drafts included: what awaits approval. */
  latest(kind?: DocumentKind): Promise<StoredDocument[]>;
  /** Every version, drafts included, newest first. */
  versions(kind: DocumentKind, id: string): Promise<StoredDocument[]>;
  /** A version by number (drafts too); without one, the version in force. */
  get(kind: DocumentKind, id: string, version?: number): Promise<StoredDocument | undefined>;
  /** Hashes already stored for a document, any version. */
  knownHashes(kind: DocumentKind, id: string): Promise<Set<string>>;
  /** True while no document was ever stored: the first start loads the library in force. */
  isEmpty(): Promise<boolean>;
  /**
   * Stores the next version of each document, all or none, as drafts; `inForce` (the first load
   * into an empty database only) also puts them in force in the same transaction.
   */
  append(
    versions: readonly NewDocumentVersion[],
    actor: Actor,
    at: Date,
    options?: { inForce?: { reason: string } },
  ): Promise<StoredDocument[]>;
  /** Where a document has stood, oldest decision first. */
  states(kind: DocumentKind, id: string): Promise<DocumentState[]>;
  /** Records a decision (a version in force, or retired) after the document's last one. */
  setState(
    change: Pick<DocumentState, "kind" | "id" | "state" | "version" | "hash" | "reason">,
    actor: Actor,
    at: Date,
  ): Promise<DocumentState>;
}
