import type { DocumentStore, StoredDocument } from "../documents/document.types.js";
import type { DocumentKind } from "../domain/document-kind.js";

/** How long the detection pipeline reuses the documents in force. */
export const DOCUMENT_CACHE_MS = 1000;

/**
 * A DocumentStore whose `current()` answers are reused for a second. Every batch that raises
 * alerts needs the plan (severity mapping) and the declaration policies, and every declaration
 * the plan and the procedures; reading and parsing them from the database each time was the
 * largest cost of a declaration. A document uploaded now is used by detection a second later;
 * everything else goes to the store.
 */
export function cachedDocuments(
  store: DocumentStore,
  ttlMs = DOCUMENT_CACHE_MS,
  now = () => Date.now(),
): DocumentStore {
  const cache = new Map<string, { at: number; docs: Promise<StoredDocument[]> }>();
  return {
    current(kind?: DocumentKind) {
      const key = kind ?? "*";
      const hit = cache.get(key);
      if (hit && now() - hit.at < ttlMs) return hit.docs;
      const docs = store.current(kind);
      cache.set(key, { at: now(), docs });
      // A failed read is not remembered.
      docs.catch(() => cache.delete(key));
      return docs;
    },
    latest: (kind) => store.latest(kind),
    versions: (kind, id) => store.versions(kind, id),
    get: (kind, id, version) => store.get(kind, id, version),
    knownHashes: (kind, id) => store.knownHashes(kind, id),
    isEmpty: () => store.isEmpty(),
    states: (kind, id) => store.states(kind, id),
    append: (versions, actor, at, options) => {
      cache.clear();
      return store.append(versions, actor, at, options);
    },
    setState: (change, actor, at) => {
      cache.clear();
      return store.setState(change, actor, at);
    },
  };
}
