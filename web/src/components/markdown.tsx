import MarkdownIt from "markdown-it";
import { useMemo } from "react";

/**
 * Markdown from documents, rendered safely: raw HTML in the source is shown as text, never
 * interpreted (`html: false`), and markdown-it refuses `javascript:` and similar links. External
 * links open in a new tab without handing it this window.
 */
const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

const defaultLinkOpen =
  md.renderer.rules.link_open ??
  ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  const href = String(token?.attrGet("href") ?? "");
  if (token && /^https?:/i.test(href)) {
    token.attrSet("target", "_blank");
    token.attrSet("rel", "noopener noreferrer");
  }
  return defaultLinkOpen(tokens, idx, options, env, self);
};

export function renderMarkdown(source: string): string {
  return md.render(source);
}

export function Markdown({ source, className }: { source: string; className?: string }) {
  const html = useMemo(() => renderMarkdown(source), [source]);
  return (
    <div
      className={`markdown${className ? ` ${className}` : ""}`}
      // biome-ignore lint/security/noDangerouslySetInnerHtml: markdown-it with html disabled escapes every tag in the source
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
