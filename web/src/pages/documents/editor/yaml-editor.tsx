import { yaml } from "@codemirror/lang-yaml";
import { HighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { type Diagnostic, lintGutter, setDiagnostics } from "@codemirror/lint";
import { EditorState, type Text } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { tags } from "@lezer/highlight";
import { basicSetup } from "codemirror";
import { forwardRef, useEffect, useImperativeHandle, useRef } from "react";
import type { LintFinding } from "../../../api/documents";

/**
 * The editor's colours are the app's tokens (web/src/styles/tokens.css), so it follows the light
 * or dark theme, chosen or from the system, with no theme of its own to switch.
 */
const appTheme = EditorView.theme({
  "&": {
    color: "var(--text)",
    backgroundColor: "var(--surface)",
    border: "1px solid var(--border)",
    borderRadius: "var(--radius)",
    fontSize: "0.9rem",
  },
  "&.cm-focused": { outline: "2px solid var(--focus)", outlineOffset: "1px" },
  ".cm-scroller": { fontFamily: "var(--mono)", lineHeight: "1.5" },
  ".cm-content": { caretColor: "var(--text)" },
  ".cm-cursor, .cm-dropCursor": { borderLeftColor: "var(--text)" },
  ".cm-gutters": {
    backgroundColor: "var(--surface-2)",
    color: "var(--muted)",
    borderRight: "1px solid var(--border)",
  },
  ".cm-activeLine, .cm-activeLineGutter": { backgroundColor: "var(--surface-2)" },
  "&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection":
    { backgroundColor: "var(--highlight)" },
  ".cm-selectionMatch, .cm-searchMatch": { backgroundColor: "var(--highlight)" },
  ".cm-tooltip, .cm-panels": {
    color: "var(--text)",
    backgroundColor: "var(--surface)",
    border: "1px solid var(--border)",
  },
  ".cm-diagnostic-error": { borderLeftColor: "var(--danger)" },
  ".cm-diagnostic-warning": { borderLeftColor: "var(--warning)" },
  ".cm-panel input, .cm-panel button": { color: "inherit" },
});

/** YAML's parts in the app's colours (each meets AA on the surface in both themes). */
const yamlHighlight = HighlightStyle.define([
  { tag: tags.propertyName, color: "var(--link)" },
  { tag: [tags.string, tags.attributeValue], color: "var(--success)" },
  { tag: [tags.keyword, tags.labelName, tags.typeName], color: "var(--sev-4)" },
  { tag: tags.meta, color: "var(--warning)", fontWeight: "bold" },
  { tag: tags.comment, color: "var(--muted)", fontStyle: "italic" },
  { tag: tags.invalid, color: "var(--danger)" },
]);

/** The span of a 1-based line and column: from the column to the end of its line. */
function spanOf(doc: Text, line: number, column: number): { from: number; to: number } {
  const l = doc.line(Math.min(Math.max(1, line), doc.lines));
  const from = Math.min(l.from + Math.max(0, column - 1), l.to);
  return { from, to: Math.max(from, l.to) };
}

/** Findings in this text (file `upload`) as the editor's diagnostics; others are listed only. */
function diagnosticsOf(doc: Text, findings: readonly LintFinding[]): Diagnostic[] {
  return findings
    .filter((f) => f.file === "upload")
    .map((f) => ({
      ...spanOf(doc, f.line, f.column),
      severity: f.level,
      message: f.path ? `${f.message} (at ${f.path})` : f.message,
      source: `line ${f.line}:${f.column}`,
    }));
}

export interface YamlEditorHandle {
  /** Puts the cursor at a line and column and brings it into view. */
  goTo(line: number, column: number): void;
}

interface Props {
  value: string;
  onChange: (value: string) => void;
  /** The lint findings of the text as it was when linted (file `upload` marks this text). */
  findings: readonly LintFinding[];
  /** The id of the visible label and of the description (the editor's keys). */
  labelledBy: string;
  describedBy?: string;
}

/**
 * A CodeMirror 6 YAML editor: line numbers, bracket and indentation help, search (Ctrl-F), undo,
 * and the server's lint findings as marks at their line and column. Tab is left to move focus
 * (CodeMirror's default), so the editor is not a keyboard trap; indent with the editor's own
 * Ctrl-] and Ctrl-[.
 */
export const YamlEditor = forwardRef<YamlEditorHandle, Props>(function YamlEditor(
  { value, onChange, findings, labelledBy, describedBy },
  ref,
) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | undefined>(undefined);
  const changed = useRef(onChange);
  changed.current = onChange;

  // The view is made once; the text, findings and handlers reach it through the effects below.
  // biome-ignore lint/correctness/useExhaustiveDependencies: built once per mount, on purpose
  useEffect(() => {
    const editor = new EditorView({
      parent: host.current as HTMLDivElement,
      state: EditorState.create({
        doc: value,
        extensions: [
          basicSetup,
          yaml(),
          lintGutter(),
          appTheme,
          syntaxHighlighting(yamlHighlight),
          EditorView.contentAttributes.of({
            "aria-labelledby": labelledBy,
            ...(describedBy ? { "aria-describedby": describedBy } : {}),
            "aria-multiline": "true",
            role: "textbox",
            // Focusable as an ordinary control too, so that the scrolling area around it counts
            // as reachable by keyboard (axe's scrollable-region-focusable).
            tabindex: "0",
          }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) changed.current(u.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = undefined;
    };
  }, []);

  // A text replaced from outside (a draft restored, the version reloaded after saving).
  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== value)
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
  }, [value]);

  useEffect(() => {
    const editor = view.current;
    if (editor)
      editor.dispatch(setDiagnostics(editor.state, diagnosticsOf(editor.state.doc, findings)));
  }, [findings]);

  useImperativeHandle(ref, () => ({
    goTo(line, column) {
      const editor = view.current;
      if (!editor) return;
      const { from } = spanOf(editor.state.doc, line, column);
      editor.dispatch({ selection: { anchor: from }, scrollIntoView: true });
      editor.focus();
    },
  }));

  return <div ref={host} className="yaml-editor" />;
});
