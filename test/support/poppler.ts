import { execFileSync, spawnSync } from "node:child_process";

/** Whether poppler-utils (pdftotext, pdftoppm, pdfinfo) are installed; why not, if they are not. */
export const POPPLER_MISSING =
  spawnSync("pdftoppm", ["-v"]).error !== undefined
    ? "poppler-utils not installed (apt-get install -y poppler-utils): PDF text and rendering checks skipped"
    : undefined;

/** The text of a PDF file, as pdftotext lays it out. */
export const pdfText = (file: string) =>
  execFileSync("pdftotext", ["-layout", file, "-"]).toString("utf8");

/** The page count pdfinfo reports. */
export function pdfPages(file: string): number {
  const info = execFileSync("pdfinfo", [file]).toString("utf8");
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
}

/** Renders every page to PNG (`<prefix>-N.png`) at the given resolution. */
export const pdfToPng = (file: string, prefix: string, dpi = 80) =>
  execFileSync("pdftoppm", ["-r", String(dpi), "-png", file, prefix]);
