import type { Block, Report } from "./blocks.js";

/**
 * Markdown (CommonMark with GFM tables, as markdown-it reads it). Every piece of recorded text is
 * escaped, so a title such as `*urgent* <b>` or a value with `|` shows as written and never
 * becomes markup, a link or a broken table.
 */

/** Escapes inline text: markup characters anywhere, block markers at the start of a line. */
export function escapeInline(text: string): string {
  return text
    .replace(/[\\`*[\]<>|~]/g, (c) => `\\${c}`)
    .replace(/(^|[^\p{L}\p{N}])_|_(?=[^\p{L}\p{N}]|$)/gu, (m) => m.replace("_", "\\_"))
    .replace(/&(?=#?\w+;)/g, "&amp;");
}

function escapeLineStart(line: string): string {
  return line.replace(/^(\s*)([#>+=-]|\d+[.)])/, (_m, sp: string, marker: string) =>
    marker.length === 1 ? `${sp}\\${marker}` : `${sp}${marker.slice(0, -1)}\\${marker.slice(-1)}`,
  );
}

/** A paragraph's text: escaped, line breaks kept as hard breaks, blank lines as paragraphs. */
function paragraph(text: string): string {
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((para) =>
      para
        .split("\n")
        .map((l) => escapeLineStart(escapeInline(l.trim())))
        .join("\\\n"),
    )
    .join("\n\n");
}

const cell = (text: string) => escapeInline(text.replace(/\s*\n\s*/g, " ").trim()) || " ";

function tableMd(head: string[], rows: string[][]): string {
  const lines = [`| ${head.map(cell).join(" | ")} |`, `| ${head.map(() => "---").join(" | ")} |`];
  for (const r of rows) lines.push(`| ${head.map((_h, i) => cell(r[i] ?? "")).join(" | ")} |`);
  return lines.join("\n");
}

/** One block as Markdown. */
export function blockMarkdown(b: Block): string {
  switch (b.type) {
    case "heading":
      return `${"#".repeat(b.level + 1)} ${escapeInline(b.text)}`;
    case "paragraph": {
      const body = paragraph(b.text);
      const lead = b.lead ? `**${escapeInline(b.lead)}** ` : "";
      return b.muted ? `_${lead}${body}_` : `${lead}${body}`;
    }
    case "list":
      return b.items
        .map(
          (t, i) => `${b.ordered ? `${i + 1}.` : "-"} ${escapeInline(t.replace(/\s*\n\s*/g, " "))}`,
        )
        .join("\n");
    case "tree":
      return b.items
        .flatMap((it) => {
          const pad = "  ".repeat(Math.max(0, it.depth - 1));
          const mark = it.mark ? `**${escapeInline(it.mark)}** ` : "";
          // Notes stay inside the node's own item (hard line breaks), so its children, not its
          // notes, are the nested list.
          const lines = [
            `${pad}- ${mark}${escapeInline(it.text.replace(/\s*\n\s*/g, " "))}`,
            ...it.notes.map((n) => `${pad}  _${escapeInline(n)}_`),
          ];
          return lines.join("\\\n");
        })
        .join("\n");
    case "table":
      return tableMd(b.head, b.rows);
    case "facts":
      return b.items
        .map(([k, v]) => `- **${escapeInline(k)}:** ${escapeInline(v.replace(/\s*\n\s*/g, " "))}`)
        .join("\n");
    case "chart":
      return `${blockMarkdown({ type: "paragraph", text: b.title, lead: "Chart:" })}\n\n${blockMarkdown(b.fallback)}`;
    case "callout":
      return `> ${paragraph(b.text).replace(/\n/g, "\n> ")}`;
  }
}

/** The whole report as one Markdown document. */
export function renderMarkdown(report: Report): string {
  const head = [
    `# ${escapeInline(report.title)}`,
    paragraph(report.subtitle),
    `_${escapeInline(report.marking)}_`,
  ];
  return `${[...head, ...report.blocks.map(blockMarkdown)].join("\n\n")}\n`;
}
