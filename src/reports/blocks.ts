/**
 * A report is a title and a list of blocks. Every kind builds blocks from the incident's record;
 * the Markdown, HTML and PDF renderers turn the same blocks into their format, so the three
 * always say the same thing. Text in blocks is plain: renderers escape it for their format.
 */
export type Block =
  | { type: "heading"; level: 1 | 2 | 3; text: string }
  | { type: "paragraph"; text: string; lead?: string; muted?: boolean }
  | { type: "list"; items: string[]; ordered?: boolean }
  /** A tree as an indented list (the causal chain); depth 1 is the top. */
  | { type: "tree"; items: { depth: number; text: string; notes: string[]; mark?: string }[] }
  /** `mono` marks columns shown in a fixed-width font (hashes, indicators). */
  | { type: "table"; head: string[]; rows: string[][]; widths?: number[]; mono?: number[] }
  | { type: "facts"; items: [string, string][] }
  /** An SVG chart; Markdown shows `fallback` (the same data as a table) instead. */
  | { type: "chart"; title: string; svg: string; width: number; height: number; fallback: Block }
  | { type: "callout"; text: string };

/** A chart block: SVG with its fallback table. */
export type ChartBlock = Extract<Block, { type: "chart" }>;

export interface Report {
  title: string;
  subtitle: string;
  /** Shown on every page: handling marking (TLP) and "draft" notices. */
  marking: string;
  blocks: Block[];
}

export const h1 = (text: string): Block => ({ type: "heading", level: 1, text });
export const h2 = (text: string): Block => ({ type: "heading", level: 2, text });
export const h3 = (text: string): Block => ({ type: "heading", level: 3, text });
export const p = (text: string, lead?: string): Block => ({ type: "paragraph", text, lead });
export const muted = (text: string): Block => ({ type: "paragraph", text, muted: true });
export const list = (items: string[]): Block => ({ type: "list", items });
export const facts = (items: [string, string][]): Block => ({ type: "facts", items });
export const callout = (text: string): Block => ({ type: "callout", text });
export const table = (
  head: string[],
  rows: string[][],
  options: { widths?: number[]; mono?: number[] } = {},
): Block => ({ type: "table", head, rows, ...options });

/** A list, or a muted line saying there is nothing to list. */
export const listOr = (items: string[], none: string): Block =>
  items.length > 0 ? list(items) : muted(none);

/** A table, or a muted line saying there is nothing to show. */
export const tableOr = (
  head: string[],
  rows: string[][],
  none: string,
  options: { widths?: number[]; mono?: number[] } = {},
): Block => (rows.length > 0 ? table(head, rows, options) : muted(none));
