import MarkdownIt from "markdown-it";
import type { Block, Report } from "./blocks.js";
import { blockMarkdown } from "./render-markdown.js";

/**
 * Self-contained, printable HTML: text blocks go through the Markdown renderer and markdown-it
 * (raw HTML off, so recorded text can never inject markup), charts are inline SVG, the CSS is
 * inline with print rules, and a Content-Security-Policy forbids loading anything at all.
 */
const md = new MarkdownIt({ html: false, linkify: false, typographer: false });

export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string,
  );
}

const CSS = `
:root { --ink:#1d2430; --muted:#5b6472; --line:#d5dae1; --accent:#b4232c; --soft:#f5f6f8; }
* { box-sizing: border-box; }
body { font: 10.5pt/1.45 -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
  color: var(--ink); margin: 0 auto; max-width: 60rem; padding: 2rem 2.5rem; }
header.report { border-bottom: 3px solid var(--accent); margin-bottom: 1.5rem; }
header.report h1 { font-size: 1.7rem; margin: 0 0 .3rem; }
.subtitle { color: var(--muted); margin: 0 0 .4rem; }
.marking { display: inline-block; font-weight: 600; font-size: .8rem; letter-spacing: .04em;
  color: #fff; background: var(--accent); padding: .1rem .5rem; border-radius: 3px; margin-bottom: .6rem; }
h2 { font-size: 1.3rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; margin-top: 2rem; }
h3 { font-size: 1.1rem; margin-top: 1.4rem; } h4 { font-size: 1rem; margin-top: 1.2rem; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0 1rem; font-size: .88rem; }
th, td { border: 1px solid var(--line); padding: .3rem .45rem; text-align: left; vertical-align: top;
  overflow-wrap: anywhere; }
th { background: var(--soft); }
table.facts th { width: 28%; font-weight: 600; }
td.mono, code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .82rem; }
.callout { border-left: 4px solid var(--accent); background: #fdf2f2; padding: .6rem .9rem; margin: 1rem 0; }
em { color: var(--muted); }
figure { margin: 1rem 0; break-inside: avoid; } figure svg { max-width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: .85rem; }
@page { size: A4; margin: 16mm 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 9.5pt; }
  h2, h3, h4 { break-after: avoid; } tr, li, figure { break-inside: avoid; }
  thead { display: table-header-group; }
  .marking { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}`;

function factsHtml(items: [string, string][]): string {
  const rows = items
    .map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`)
    .join("");
  return `<table class="facts"><tbody>${rows}</tbody></table>`;
}

/** Tables with fixed-width columns are built directly (markdown has no per-column styling). */
function tableHtml(b: Extract<Block, { type: "table" }>): string {
  const mono = new Set(b.mono ?? []);
  const head = b.head.map((h) => `<th>${escapeHtml(h)}</th>`).join("");
  const body = b.rows
    .map(
      (r) =>
        `<tr>${b.head
          .map((_h, i) => `<td${mono.has(i) ? ' class="mono"' : ""}>${escapeHtml(r[i] ?? "")}</td>`)
          .join("")}</tr>`,
    )
    .join("\n");
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function nativeHtml(b: Block): string | undefined {
  switch (b.type) {
    case "facts":
      return factsHtml(b.items);
    case "table":
      return tableHtml(b);
    case "chart":
      // The SVG is produced by our chart code from recorded values ECharts escapes itself.
      return `<figure>${b.svg}<figcaption>${escapeHtml(b.title)}</figcaption></figure>`;
    case "callout":
      return `<div class="callout">${md.render(blockMarkdown({ type: "paragraph", text: b.text }))}</div>`;
    default:
      return undefined;
  }
}

/** The report's body: runs of text blocks rendered together by markdown-it, the rest natively. */
export function renderBodyHtml(blocks: readonly Block[]): string {
  const out: string[] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length) out.push(md.render(run.join("\n\n")));
    run = [];
  };
  for (const b of blocks) {
    const native = nativeHtml(b);
    if (native === undefined) run.push(blockMarkdown(b));
    else {
      flush();
      out.push(native);
    }
  }
  flush();
  return out.join("\n");
}

/**
 * A whole HTML document that loads nothing from anywhere, so that it reads the same offline and
 * printed: its Content-Security-Policy allows only the inline `css` (and `data:` images where
 * `dataImages`, for charts). `body` is already HTML.
 */
export function selfContainedHtml(d: {
  title: string;
  css: string;
  body: string;
  dataImages?: boolean;
}): string {
  const images = d.dataImages ? "; img-src data:" : "";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'${images}">
<meta name="generator" content="Firebreak">
<title>${escapeHtml(d.title)}</title>
<style>${d.css}</style>
</head>
<body>
${d.body}
</body>
</html>
`;
}

/** The whole report as one HTML document that prints well and loads nothing from anywhere. */
export function renderHtml(report: Report): string {
  return selfContainedHtml({
    title: report.title,
    css: CSS,
    dataImages: true,
    body: `<header class="report">
<div class="marking">${escapeHtml(report.marking)}</div>
<h1>${escapeHtml(report.title)}</h1>
<p class="subtitle">${escapeHtml(report.subtitle)}</p>
</header>
<main>
${renderBodyHtml(report.blocks)}
</main>`,
  });
}
