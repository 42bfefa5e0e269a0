import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import pdfmake from "pdfmake";
import type { Content, TableCell, TDocumentDefinitions } from "pdfmake/interfaces.js";
import type { Block, Report } from "./blocks.js";

/**
 * PDF through pdfmake, with the Roboto fonts pdfmake ships (no download) and Courier, one of the
 * 14 standard PDF fonts, for hashes and indicators. pdfmake would fetch URLs and read files named
 * in a document; reports are built from recorded text, so both are refused outright except the
 * font files themselves.
 */
const FONT_DIR = join(
  dirname(createRequire(import.meta.url).resolve("pdfmake/package.json")),
  "fonts",
  "Roboto",
);

pdfmake.setFonts({
  Roboto: {
    normal: join(FONT_DIR, "Roboto-Regular.ttf"),
    bold: join(FONT_DIR, "Roboto-Medium.ttf"),
    italics: join(FONT_DIR, "Roboto-Italic.ttf"),
    bolditalics: join(FONT_DIR, "Roboto-MediumItalic.ttf"),
  },
  Courier: {
    normal: "Courier",
    bold: "Courier-Bold",
    italics: "Courier-Oblique",
    bolditalics: "Courier-BoldOblique",
  },
});
pdfmake.setUrlAccessPolicy(() => false);
const STANDARD_FONTS = new Set([
  "Courier",
  "Courier-Bold",
  "Courier-Oblique",
  "Courier-BoldOblique",
]);
pdfmake.setLocalAccessPolicy((path) => STANDARD_FONTS.has(path) || path.startsWith(FONT_DIR));

const ACCENT = "#b4232c";
const LINE = "#d5dae1";
const MUTED = "#5b6472";
/** A4 width minus the page margins, in points. */
const CONTENT_WIDTH = 595.28 - 2 * 40;

/**
 * Roboto lacks a few symbols the other formats use freely; PDF text gets plain equivalents so
 * nothing prints as an empty box.
 */
const plain = (s: string) =>
  s.replace(/[→⇒]/g, "->").replace(/[✓✔]/g, "(done)").replace(/[●•]/g, "-").replace(/…/g, "...");

const tableLayout = {
  hLineWidth: (i: number) => (i === 1 ? 1 : 0.5),
  vLineWidth: () => 0,
  hLineColor: () => LINE,
  paddingLeft: () => 3,
  paddingRight: () => 3,
  paddingTop: () => 2,
  paddingBottom: () => 2,
  fillColor: (row: number) => (row === 0 ? "#f0f2f5" : null),
};

function widthsFor(b: Extract<Block, { type: "table" }>): (string | number)[] {
  if (!b.widths) return b.head.map(() => "*");
  const total = b.widths.reduce((s, w) => s + w, 0);
  return b.widths.map((w) => (w / total) * CONTENT_WIDTH - 6);
}

function blockPdf(b: Block): Content {
  switch (b.type) {
    case "heading":
      return { text: plain(b.text), style: `h${b.level}` };
    case "paragraph":
      return {
        text: [...(b.lead ? [{ text: `${plain(b.lead)} `, bold: true }] : []), plain(b.text)],
        style: b.muted ? "muted" : "body",
      };
    case "list":
      return b.ordered
        ? { ol: b.items.map(plain), style: "body" }
        : { ul: b.items.map(plain), style: "body" };
    case "tree":
      return {
        stack: b.items.map((it) => ({
          margin: [(it.depth - 1) * 14, 0, 0, 3] as [number, number, number, number],
          stack: [
            {
              text: [
                { text: "- " },
                ...(it.mark ? [{ text: `${plain(it.mark)} `, bold: true, color: ACCENT }] : []),
                plain(it.text),
              ],
            },
            ...it.notes.map((n) => ({
              text: plain(n),
              style: "muted",
              margin: [10, 0, 0, 0] as [number, number, number, number],
            })),
          ],
        })),
        style: "body",
      };
    case "table": {
      const mono = new Set(b.mono ?? []);
      const body: TableCell[][] = [
        b.head.map((h) => ({ text: plain(h), bold: true })),
        ...b.rows.map((r) =>
          b.head.map((_h, i) =>
            mono.has(i)
              ? { text: r[i] ?? "", font: "Courier", fontSize: 6.3 }
              : { text: plain(r[i] ?? "") },
          ),
        ),
      ];
      return {
        table: { headerRows: 1, widths: widthsFor(b), body, dontBreakRows: true },
        layout: tableLayout,
        style: "table",
      };
    }
    case "facts":
      return {
        table: {
          widths: [130, "*"],
          body: b.items.map(([k, v]) => [{ text: plain(k), bold: true }, { text: plain(v) }]),
        },
        layout: { ...tableLayout, fillColor: () => null, hLineWidth: () => 0.5 },
        style: "table",
      };
    case "chart":
      return {
        stack: [
          { svg: b.svg, width: Math.min(CONTENT_WIDTH, b.width) },
          { text: plain(b.title), style: "muted", margin: [0, 2, 0, 0] },
        ],
        unbreakable: true,
        margin: [0, 4, 0, 10],
      };
    case "callout":
      return {
        table: { widths: ["*"], body: [[{ text: plain(b.text), margin: [4, 3, 4, 3] }]] },
        layout: {
          hLineWidth: () => 0,
          vLineWidth: (i: number) => (i === 0 ? 3 : 0),
          vLineColor: () => ACCENT,
          fillColor: () => "#fdf2f2",
        },
        style: "table",
      };
  }
}

/** The document definition (exported for tests and for anyone who wants to tweak the layout). */
export function pdfDefinition(report: Report): TDocumentDefinitions {
  return {
    pageSize: "A4",
    pageMargins: [40, 48, 40, 44],
    info: { title: plain(report.title), creator: "Firebreak", producer: "Firebreak (pdfmake)" },
    header: () => ({
      columns: [
        { text: plain(report.marking), color: ACCENT, bold: true, fontSize: 7.5 },
        {
          text: plain(report.title.length > 80 ? `${report.title.slice(0, 79)}…` : report.title),
          alignment: "right",
          color: MUTED,
          fontSize: 7.5,
        },
      ],
      margin: [40, 20, 40, 0],
    }),
    footer: (page: number, pages: number) => ({
      text: `Page ${page} of ${pages}`,
      alignment: "center",
      color: MUTED,
      fontSize: 7.5,
      margin: [40, 14, 40, 0],
    }),
    content: [
      { text: plain(report.title), style: "title" },
      { text: plain(report.subtitle), style: "subtitle" },
      {
        canvas: [
          { type: "line", x1: 0, y1: 0, x2: CONTENT_WIDTH, y2: 0, lineWidth: 2, lineColor: ACCENT },
        ],
        margin: [0, 0, 0, 8],
      },
      ...report.blocks.map(blockPdf),
    ],
    defaultStyle: { font: "Roboto", fontSize: 9.5, lineHeight: 1.2 },
    styles: {
      title: { fontSize: 19, bold: true, margin: [0, 0, 0, 3] },
      subtitle: { fontSize: 10, color: MUTED, margin: [0, 0, 0, 6] },
      h1: { fontSize: 14, bold: true, margin: [0, 12, 0, 5] },
      h2: { fontSize: 12, bold: true, margin: [0, 9, 0, 4] },
      h3: { fontSize: 10.5, bold: true, margin: [0, 7, 0, 3] },
      body: { margin: [0, 0, 0, 6] },
      muted: { color: MUTED, italics: true, margin: [0, 0, 0, 6] },
      table: { fontSize: 8, margin: [0, 2, 0, 8] },
    },
  };
}

/** The report as PDF bytes. */
export async function renderPdf(report: Report): Promise<Buffer> {
  return pdfmake.createPdf(pdfDefinition(report)).getBuffer();
}
