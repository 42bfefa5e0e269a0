import { createRequire } from "node:module";
import type { Page } from "playwright-core";

/**
 * axe-core's browser bundle, evaluated in the page (a script tag would be refused by the app's
 * Content-Security-Policy, which stays on: the pages are checked as served).
 */
const AXE_SOURCE: string = createRequire(import.meta.url)("axe-core").source;

/** The impacts issue 16 holds every page to: none of these may be found. */
const BLOCKING = new Set(["serious", "critical"]);

export interface Finding {
  rule: string;
  impact: string;
  help: string;
  /** The first few elements it was found on (their CSS selectors) and what axe says of them. */
  nodes: string[];
}

/**
 * Runs axe-core (its default rules: WCAG 2.x A and AA and best practices) over what the page
 * shows now and returns the serious and critical violations.
 */
export async function seriousViolations(page: Page): Promise<Finding[]> {
  if (!(await page.evaluate("typeof window.axe !== 'undefined'"))) await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(
    "window.axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations)",
  )) as {
    id: string;
    impact: string | null;
    help: string;
    nodes: { target: unknown[]; failureSummary?: string }[];
  }[];
  return violations
    .filter((v) => BLOCKING.has(v.impact ?? ""))
    .map((v) => ({
      rule: v.id,
      impact: v.impact ?? "",
      help: v.help,
      nodes: v.nodes
        .slice(0, 5)
        .map(
          (n) =>
            `${n.target.join(" ")}: ${(n.failureSummary ?? "").replace(/\s+/g, " ").slice(0, 240)}`,
        ),
    }));
}
