import { useRef, useState } from "react";
import { ApiError } from "../../api/client";
import type { UploadResult } from "../../api/documents";
import { documentsApi } from "../../api/documents";
import { Field } from "../../components/fields";
import { announce } from "../../components/live-region";
import { PageHeader } from "../../components/page-header";
import { ProblemMessage } from "../../components/problem-message";
import { useDraft } from "../../hooks/use-draft";
import { useSubmit } from "../../hooks/use-submit";
import { useCurrentPlan } from "../../plan-context";
import { Link } from "../../router";
import { LintResults } from "./lint-results";

/** Character offset of a 1-based line and column in a text. */
function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf("\n", offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return Math.min(text.length, offset + Math.max(0, column - 1));
}

/**
 * Uploading new versions: YAML pasted or read from a file, checked on the server together with
 * what is in force. A refusal lists each problem with its line and column; choosing one puts the
 * cursor there. The text stays (in this tab) until the upload succeeds.
 */
export function UploadPage() {
  const plan = useCurrentPlan();
  const [yaml, setYaml, clearYaml] = useDraft("upload", "");
  const [result, setResult] = useState<UploadResult>();
  const area = useRef<HTMLTextAreaElement>(null);

  const readFile = async (file: File | undefined) => {
    if (file) setYaml(await file.text());
  };

  const goTo = (line: number, column: number) => {
    const el = area.current;
    if (!el) return;
    const at = offsetOf(yaml, line, column);
    el.focus();
    el.setSelectionRange(
      at,
      Math.max(at + 1, yaml.indexOf("\n", at) < 0 ? yaml.length : yaml.indexOf("\n", at)),
    );
    // Bring the line into view: roughly, by the textarea's line height.
    const lineHeight = Number.parseFloat(getComputedStyle(el).lineHeight) || 18;
    el.scrollTop = Math.max(0, (line - 4) * lineHeight);
  };

  const {
    submit,
    busy: saving,
    error,
  } = useSubmit(async () => {
    setResult(undefined);
    const r = await documentsApi.upload(yaml);
    setResult(r);
    clearYaml();
    announce(
      `Stored ${r.stored.length} new version(s)${r.in_force ? "" : " as drafts awaiting approval"}`,
    );
    if (r.stored.some((d) => d.kind === "plan")) void plan.reload();
  });

  const problems = error instanceof ApiError ? (error.problem.errors ?? []) : [];
  return (
    <>
      <PageHeader title="Upload a new version">
        <p className="muted">
          One or more plan or procedure documents in YAML, separated by <code>---</code>. The whole
          set is checked together with what is in force; any error refuses all of it, so nothing
          half-valid is ever stored.
        </p>
        <p className="muted">
          Into a library already in use, what you upload is stored as a draft: it changes nothing
          until the plan's approvers approve it on the document's versions page (or{" "}
          <code>firebreak documents submit</code>, then <code>approve</code>). To change one
          document, its <strong>Edit</strong> button checks the YAML as you type.
        </p>
      </PageHeader>
      <form className="form upload-form" onSubmit={submit}>
        <Field id="upload-file" label="Read from a file">
          <input
            id="upload-file"
            type="file"
            accept=".yml,.yaml,application/yaml,text/yaml,text/plain"
            onChange={(e) => void readFile(e.target.files?.[0])}
          />
        </Field>
        <Field id="upload-yaml" label="YAML">
          <textarea
            id="upload-yaml"
            ref={area}
            className="code-input"
            rows={20}
            spellCheck={false}
            value={yaml}
            onChange={(e) => setYaml(e.target.value)}
            placeholder={'kind: procedure\nid: malware\nversion: "2026.11"\n…'}
          />
        </Field>
        {error !== undefined && (
          <ProblemMessage error={error} title="Nothing was stored" details={false}>
            {problems.length > 0 && (
              <ul className="upload-problems">
                {problems.map((p, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: problems have no identity
                  <li key={i}>
                    {p.line !== undefined ? (
                      <button
                        type="button"
                        className="link-button mono"
                        onClick={() => goTo(p.line ?? 1, p.column ?? 1)}
                      >
                        line {p.line}:{p.column ?? 1}
                      </button>
                    ) : null}{" "}
                    {p.message}
                    {p.path && <span className="muted"> (at {p.path})</span>}
                  </li>
                ))}
              </ul>
            )}
          </ProblemMessage>
        )}
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={saving || !yaml.trim()}>
            {saving ? "Checking…" : "Check and store"}
          </button>
        </div>
      </form>
      {result && (
        <section className="panel" aria-labelledby="upload-result">
          <h2 id="upload-result">Stored</h2>
          {result.stored.length === 0 ? (
            <p>Nothing new: every document was the same as the version in force.</p>
          ) : (
            <ul>
              {result.stored.map((d) => (
                <li key={`${d.kind}/${d.id}`}>
                  {d.kind} <Link to={`/documents/${d.kind}/${d.id}`}>{d.title}</Link>{" "}
                  {result.in_force ? "is now" : "draft"} v{d.version} ({d.label})
                </li>
              ))}
            </ul>
          )}
          {result.stored.length > 0 && !result.in_force && (
            <p>
              Drafts change nothing until the plan's approvers approve them: submit each for
              approval on its versions page (linked above). What is in force stays as it was.
            </p>
          )}
          {result.unchanged.length > 0 && (
            <p className="muted">
              Unchanged: {result.unchanged.map((u) => `${u.kind} ${u.id}`).join(", ")}
            </p>
          )}
          {result.warnings.length > 0 && (
            <LintResults
              report={{ errors: 0, warnings: result.warnings.length, findings: result.warnings }}
            />
          )}
        </section>
      )}
    </>
  );
}
