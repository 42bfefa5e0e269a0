import type { Actor } from "../domain/actor.js";
import type { DocumentBody, DocumentKind } from "./kinds.js";

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

/** What the document use cases need from storage. */
export interface DocumentStore {
  /** The newest version of every document (of one kind, if given). */
  current(kind?: DocumentKind): Promise<StoredDocument[]>;
  versions(kind: DocumentKind, id: string): Promise<StoredDocument[]>;
  get(kind: DocumentKind, id: string, version?: number): Promise<StoredDocument | undefined>;
  /** Hashes already stored for a document, any version. */
  knownHashes(kind: DocumentKind, id: string): Promise<Set<string>>;
  /** Stores the next version of each document, all or none. */
  append(
    versions: readonly NewDocumentVersion[],
    actor: Actor,
    at: Date,
  ): Promise<StoredDocument[]>;
}
