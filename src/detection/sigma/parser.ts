/**
 * Reads Sigma YAML (one or many documents per file) with source positions, so that every load
 * error can say `line:column`. Numbers whose source text is not their canonical form (such as
 * `00000429` or `0x1F`) are kept as the string the author wrote, because Sigma compares values as
 * text.
 */
import {
  type Document,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseAllDocuments,
  visit,
} from "yaml";

/** The three document kinds of Sigma 2. */
export type DocKind = "rule" | "correlation" | "filter";

/** One YAML document of a rule file. */
export interface SigmaDocument {
  file: string;
  /** Position of the document in its file (0-based). */
  index: number;
  kind: DocKind;
  data: Record<string, unknown>;
  /** Resolves a path inside the document to `line:column` (1-based) when possible. */
  locate: (path: (string | number)[]) => { line: number; column: number } | undefined;
}

/** A document that could not be read. */
export interface DocumentError {
  file: string;
  reason: string;
  line?: number;
  column?: number;
}

function keepNumberText(doc: Document, text: string): void {
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value !== "number" || node.type !== "PLAIN" || !node.range) return;
      const src = text.slice(node.range[0], node.range[1]).trim();
      if (src !== String(node.value)) node.value = src;
    },
  });
}

function classify(data: Record<string, unknown>): DocKind | null {
  if ("correlation" in data) return "correlation";
  if ("filter" in data && !("detection" in data)) return "filter";
  if ("detection" in data) return "rule";
  return null;
}

/** Parses a rule file's text into Sigma documents and per-document errors. */
export function parseSigmaYaml(
  file: string,
  text: string,
): { docs: SigmaDocument[]; errors: DocumentError[] } {
  const lineCounter = new LineCounter();
  const docs: SigmaDocument[] = [];
  const errors: DocumentError[] = [];
  const parsed = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const all = Array.isArray(parsed) ? parsed : [];
  all.forEach((doc, index) => {
    const first = doc.errors[0];
    if (first) {
      const pos = lineCounter.linePos(first.pos[0]);
      const msg = (first.message.split("\n")[0] as string).replace(
        / at line \d+, column \d+:?$/,
        "",
      );
      errors.push({
        file,
        reason: `line ${pos.line}, column ${pos.col}: invalid YAML: ${msg}`,
        line: pos.line,
        column: pos.col,
      });
      return;
    }
    if (doc.contents === null) return;
    keepNumberText(doc, text);
    const data = doc.toJS({ maxAliasCount: 1000 }) as unknown;
    const locate = (path: (string | number)[]) => {
      const at = (offset: number) => {
        const p = lineCounter.linePos(offset);
        return { line: p.line, column: p.col };
      };
      // Walk the path; the last step points at the map key when there is one (the key is
      // usually what is wrong: a modifier, a field, a search identifier).
      let node: unknown = doc.contents;
      let best = doc.range[0];
      for (let i = 0; i < path.length; i++) {
        const seg = path[i];
        if (isMap(node)) {
          const pair = node.items.find(
            (it) => isScalar(it.key) && String(it.key.value) === String(seg),
          );
          if (!pair) break;
          const key = pair.key as Node;
          if (key.range) best = key.range[0];
          const isLast = i === path.length - 1;
          const value = pair.value as Node | null;
          if (!isLast && value?.range) best = value.range[0];
          node = value;
        } else if (isSeq(node) && typeof seg === "number") {
          const item = node.items[seg] as Node | undefined;
          if (!item) break;
          if (item.range) best = item.range[0];
          node = item;
        } else break;
      }
      return at(best);
    };
    if (data === null || typeof data !== "object" || Array.isArray(data)) {
      const p = locate([]);
      errors.push({
        file,
        reason: `line ${p.line}, column ${p.column}: document ${index + 1} is not a map`,
        ...p,
      });
      return;
    }
    const rec = data as Record<string, unknown>;
    const kind = classify(rec);
    if (kind === null) {
      const p = locate([]);
      const action =
        typeof rec.action === "string" ? ` ('action: ${rec.action}' is Sigma 1 syntax)` : "";
      errors.push({
        file,
        reason: `line ${p.line}, column ${p.column}: document ${index + 1} is not a Sigma rule, correlation or filter${action}`,
        ...p,
      });
      return;
    }
    docs.push({ file, index, kind, data: rec, locate });
  });
  return { docs, errors };
}
