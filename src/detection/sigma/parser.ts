/**
 * Reads Sigma YAML (one or many documents per file) with source positions, so that every load
 * error can say `line:column`. Numbers whose source text is not their canonical form (such as
 * `00000429` or `0x1F`) are kept as the string the author wrote, because Sigma compares values as
 * text.
 */
import { type Document, isScalar, LineCounter, parseAllDocuments, visit } from "yaml";

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
      const pos = first.linePos?.[0];
      const msg = first.message.split("\n")[0] as string;
      errors.push({
        file,
        reason: `${pos ? `line ${pos.line}, column ${pos.col}: ` : ""}invalid YAML: ${msg}`,
        line: pos?.line,
        column: pos?.col,
      });
      return;
    }
    if (doc.contents === null) return;
    keepNumberText(doc, text);
    const data = doc.toJS({ maxAliasCount: 1000 }) as unknown;
    const locate = (path: (string | number)[]) => {
      for (let n = path.length; n > 0; n--) {
        const node = doc.getIn(path.slice(0, n), true);
        const range = node && typeof node === "object" && "range" in node ? node.range : null;
        if (Array.isArray(range)) {
          const p = lineCounter.linePos(range[0] as number);
          return { line: p.line, column: p.col };
        }
        if (isScalar(node) && node.range) {
          const p = lineCounter.linePos(node.range[0]);
          return { line: p.line, column: p.col };
        }
      }
      const start = doc.range[0];
      const p = lineCounter.linePos(start);
      return { line: p.line, column: p.col };
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
