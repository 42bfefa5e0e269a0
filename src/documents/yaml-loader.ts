import {
  isMap,
  isPair,
  isScalar,
  LineCounter,
  type Node,
  parseAllDocuments,
  visit,
  type Document as YamlDocument,
} from "yaml";
import type { z } from "zod";
import { canonicalJson, sha256Hex } from "../domain/canonical-json.js";
import { DOCUMENT_KINDS, type DocumentKind } from "../domain/document-kind.js";
import type { ErrorDetail } from "../domain/errors.js";
import { checkJsonLimits, findNul, formatJsonPath, MAX_JSON_DEPTH } from "../domain/json-limits.js";
import { DOCUMENT_SCHEMAS, type DocumentBody, isDocumentKind } from "./kinds.js";

/** One validated document out of a YAML file, with where it came from. */
export interface LoadedDocument<K extends DocumentKind = DocumentKind> {
  kind: K;
  id: string;
  body: DocumentBody<K>;
  /** The document's own YAML text, comments included, as the author wrote it. */
  source: string;
  /** SHA-256 of the canonical JSON of the validated body: formatting and comments do not count. */
  hash: string;
  file: string;
  line: number;
  /** Locates a path inside the document (for cross-document lint messages). */
  locate(path: readonly (string | number)[]): { line: number; column: number };
}

export interface ParseResult {
  documents: LoadedDocument[];
  errors: ErrorDetail[];
}

/**
 * Parses a YAML file of one or more documents (separated by `---`) and validates each against its
 * kind's schema. Every problem carries file, line and column and the path inside the document.
 * Valid documents are returned even when others fail, but callers store nothing from a set with
 * errors.
 */
export function parseDocuments(text: string, file: string): ParseResult {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const pos = (offset: number) => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const result: ParseResult = { documents: [], errors: [] };
  const nulByte = text.indexOf("\0");
  if (nulByte >= 0) {
    result.errors.push({ file, ...pos(nulByte), message: NUL_MESSAGE });
    return result;
  }
  if (!Array.isArray(docs)) return result; // an empty stream

  for (const doc of docs) {
    if (doc.errors.length > 0) {
      for (const e of doc.errors)
        result.errors.push({
          file,
          ...pos(e.pos[0]),
          // The parser recurses per level and reports its own stack overflow as a YAML error.
          message: /Maximum call stack/.test(e.message)
            ? `nested too deeply (documents may nest at most ${MAX_JSON_DEPTH} levels)`
            : (e.message.split("\n")[0] ?? e.message),
        });
      continue;
    }
    if (doc.contents === null) continue; // a blank document between separators
    const start = pos(doc.contents.range?.[0] ?? 0);
    const raw = toLimitedJs(doc, file, pos, start, result.errors);
    if (raw === REFUSED) continue;
    const kind = (raw as { kind?: unknown } | null)?.kind;
    if (!isDocumentKind(kind)) {
      const at = locate(doc, ["kind"], pos) ?? start;
      result.errors.push({
        file,
        ...at,
        path: "kind",
        message: `unknown document kind ${JSON.stringify(kind)}; expected one of ${DOCUMENT_KINDS.join(", ")}`,
      });
      continue;
    }
    const schema: z.ZodType = DOCUMENT_SCHEMAS[kind];
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        result.errors.push(issueDetail(issue, doc, file, pos, start));
      continue;
    }
    const body = parsed.data as DocumentBody;
    const [from, , to] = doc.range;
    result.documents.push({
      kind,
      id: body.id,
      body,
      source: text.slice(from, to).trim(),
      hash: sha256Hex(canonicalJson(body)),
      file,
      line: start.line,
      locate: (path) => locate(doc, path, pos) ?? start,
    });
  }
  return result;
}

type Pos = (offset: number) => { line: number; column: number };

const REFUSED = Symbol("refused");

/**
 * A NUL (a raw byte, or YAML's "\\0" escape) is refused: PostgreSQL text cannot hold it, and a
 * step title carrying one would fail every incident declared with that procedure.
 */
const NUL_MESSAGE = "contains U+0000 (NUL), which PostgreSQL cannot store";

/** Aliases one document may expand (yaml's `maxAliasCount`): enough for anchors, not a bomb. */
export const MAX_ALIAS_COUNT = 100;

/**
 * The document as plain data, or REFUSED with the reason recorded: an alias bomb (more alias
 * expansions than MAX_ALIAS_COUNT) is reported at its first alias, nesting deeper than
 * MAX_JSON_DEPTH (or an alias cycle) at the first node too deep.
 */
function toLimitedJs(
  doc: YamlDocument,
  file: string,
  pos: Pos,
  start: ReturnType<Pos>,
  errors: ErrorDetail[],
): unknown {
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    if (!(e instanceof ReferenceError || e instanceof RangeError)) throw e;
    let alias: number | undefined;
    visit(doc, {
      Alias(_, node) {
        alias = node.range?.[0];
        return visit.BREAK;
      },
    });
    errors.push({
      file,
      ...(alias === undefined ? start : pos(alias)),
      message: `aliases expand too much (more than ${MAX_ALIAS_COUNT} expansions: an alias bomb?)`,
    });
    return REFUSED;
  }
  const tooMuch = checkJsonLimits(raw, MAX_JSON_DEPTH);
  if (!tooMuch) {
    const nulAt = findNul(raw);
    if (!nulAt) return raw;
    const at = locate(doc, nulAt, pos) ?? start;
    errors.push({ file, ...at, path: formatJsonPath(nulAt), message: NUL_MESSAGE });
    return REFUSED;
  }
  errors.push({
    file,
    ...(locate(doc, tooMuch.path, pos) ?? start),
    path: formatJsonPath(tooMuch.path),
    message: `${tooMuch.reason}${doc.getIn(tooMuch.path) === undefined ? " (through an alias)" : ""}`,
  });
  return REFUSED;
}

function issueDetail(
  issue: z.core.$ZodIssue,
  doc: YamlDocument,
  file: string,
  pos: Pos,
  start: ReturnType<Pos>,
): ErrorDetail {
  const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
  if (issue.code === "unrecognized_keys") {
    const keys = issue.keys;
    const at = locateKey(doc, path, keys[0] ?? "", pos) ?? locate(doc, path, pos) ?? start;
    return {
      file,
      ...at,
      path: formatJsonPath([...path, keys[0] ?? ""]),
      message: `unknown key${keys.length > 1 ? "s" : ""} ${keys.map((k) => `'${k}'`).join(", ")}`,
    };
  }
  const at = locate(doc, path, pos) ?? start;
  const missing = issue.code === "invalid_type" && !doc.hasIn(path);
  const message = missing ? `'${String(path.at(-1))}' is required` : issue.message;
  return { file, ...at, path: formatJsonPath(path), message };
}

/** Position of the deepest node that exists along the path (a missing key points at its parent). */
function locate(doc: YamlDocument, path: readonly (string | number)[], pos: Pos) {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as Node | undefined;
    const range = node && (node as { range?: [number, number, number] }).range;
    if (range) return pos(range[0]);
  }
  return undefined;
}

function locateKey(doc: YamlDocument, path: readonly (string | number)[], key: string, pos: Pos) {
  const map = path.length === 0 ? doc.contents : doc.getIn(path, true);
  if (!isMap(map)) return undefined;
  for (const pair of map.items) {
    if (isPair(pair) && isScalar(pair.key) && pair.key.value === key && pair.key.range)
      return pos(pair.key.range[0]);
  }
  return undefined;
}
