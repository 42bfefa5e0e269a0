import { useRef, useState } from "react";
import { type DocumentKind, documentsApi, type UploadResult } from "../../../api/documents";
import { announce } from "../../../components/live-region";
import { Loading } from "../../../components/loading";
import { PageHeader } from "../../../components/page-header";
import { ProblemMessage } from "../../../components/problem-message";
import { useDraft } from "../../../hooks/use-draft";
import { useLeaveGuard } from "../../../hooks/use-leave-guard";
import { useResource } from "../../../hooks/use-resource";
import { useSubmit } from "../../../hooks/use-submit";
import { diffStats, lineDiff } from "../../../lib/line-diff";
import { Link, navigate } from "../../../router";
import { useSession } from "../../../session-context";
import { DiffView } from "../diff-view";
import { LintResults } from "../lint-results";
import { SubmitForApproval } from "../submit-form";
import { useLiveLint } from "./use-live-lint";
import { YamlEditor, type YamlEditorHandle } from "./yaml-editor";

/** What was typed and not yet saved, with the version it started from. */
interface Draft {
  base: number;
  text: string;
}

/**
 * Editing a document's YAML in the browser: it starts from the newest version (a draft or the
 * one in force), is linted on the server as it is typed (exactly as an upload would be), shows
 * its changes against the version in force, and is saved as a new draft version, which is then
 * submitted for approval on the versions page. What is typed survives a reload until it is saved.
 */
export default function EditorPage({ kind, docId }: { kind: DocumentKind; docId: string }) {
  const { session } = useSession();
  // Uploading is the administrators' (documents:write); without sign-in (trust-local) anyone.
  const mayEdit = !session || session.role === "admin";
  const base = `/documents/${kind}/${encodeURIComponent(docId)}`;

  const loaded = useResource(
    async (signal) => {
      const versions = await documentsApi.versions(kind, docId, signal);
      const newest = versions[0];
      if (!newest) throw new Error(`${kind} ${docId} has no version`);
      const inForce = versions.find((v) => v.in_force) ?? newest;
      const [newestDoc, inForceDoc] = await Promise.all([
        documentsApi.version(kind, docId, newest.version, signal),
        inForce.version === newest.version
          ? undefined
          : documentsApi.version(kind, docId, inForce.version, signal),
      ]);
      return { newest: newestDoc, inForce: inForceDoc ?? newestDoc, isDraft: !newest.in_force };
    },
    [kind, docId],
  );
  const data = loaded.data;

  const [draft, setDraft, clearDraft] = useDraft<Draft | null>(`editor:${kind}/${docId}`, null);
  const text = draft?.text ?? data?.newest.source ?? "";
  const dirty = data !== undefined && draft !== null && draft.text !== data.newest.source;
  const edit = (value: string) => {
    if (!data) return;
    if (value === data.newest.source) clearDraft();
    else setDraft({ base: draft?.base ?? data.newest.version, text: value });
  };
  useLeaveGuard(dirty, "Leave the editor? Your unsaved changes stay in this tab until you return.");

  const lint = useLiveLint(text, data !== undefined && mayEdit);
  const findings = lint.report?.findings ?? [];
  const editor = useRef<YamlEditorHandle>(null);
  const [showDiff, setShowDiff] = useState(false);
  const [saved, setSaved] = useState<UploadResult>();

  const save = useSubmit(async () => {
    const result = await documentsApi.upload(text);
    setSaved(result);
    // The saved text is the newest version once reloaded; only then is the draft dropped, so the
    // editor never shows the older text in between.
    await loaded.reload();
    clearDraft();
    announce(
      result.stored.length === 0
        ? "Nothing new to save: the text is the same as a stored version"
        : `Saved as draft v${result.stored[0]?.version}`,
    );
  });

  const diffRows = data && showDiff ? lineDiff(data.inForce.source, text) : undefined;
  const stats = diffRows ? diffStats(diffRows) : undefined;
  const errors = lint.report?.errors ?? 0;
  // Saved elsewhere (another id or kind written into the YAML): the draft is that document's.
  const elsewhere = saved?.stored.filter((d) => d.kind !== kind || d.id !== docId) ?? [];

  return (
    <>
      <PageHeader
        title={`Edit ${kind} ${docId}`}
        actions={
          <Link to={base} className="button">
            Versions and approval
          </Link>
        }
      >
        {data && (
          <p className="muted">
            Starting from v{data.newest.version} “{data.newest.label}”
            {data.isDraft ? ", a draft" : ", the version in force"}.{" "}
            {draft && draft.base !== data.newest.version && (
              <strong>
                Your unsaved text started from v{draft.base}; v{data.newest.version} is newer.
              </strong>
            )}
          </p>
        )}
      </PageHeader>
      <ProblemMessage error={loaded.error} title="Could not load the document" />
      {!mayEdit && (
        <p className="notice">
          Only administrators change documents. You can read every version and, if you are one of
          the plan's approvers, approve them on the <Link to={base}>versions page</Link>.
        </p>
      )}
      {!data
        ? !loaded.error && <Loading />
        : mayEdit && (
            <div className="editor-layout">
              <section className="editor-main" aria-labelledby="yaml-label">
                <h2 id="yaml-label" className="editor-label">
                  YAML of {kind} {docId}
                </h2>
                <p id="yaml-hint" className="hint">
                  Checked on the server as you type, exactly as saving would check it. Tab leaves
                  the editor; Ctrl-F searches; Ctrl-] and Ctrl-[ indent.
                </p>
                <YamlEditor
                  ref={editor}
                  value={text}
                  onChange={edit}
                  findings={findings}
                  labelledBy="yaml-label"
                  describedBy="yaml-hint"
                />
                <p className="editor-status" aria-live="polite">
                  {lint.checking
                    ? "Checking…"
                    : lint.report
                      ? `${errors} error${errors === 1 ? "" : "s"}, ${lint.report.warnings} warning${lint.report.warnings === 1 ? "" : "s"}`
                      : ""}
                  {dirty ? " · unsaved changes" : ""}
                </p>
                <div className="form-actions">
                  <button
                    type="button"
                    className="button primary"
                    disabled={save.busy || !dirty || lint.checking || errors > 0}
                    onClick={() => void save.submit()}
                  >
                    {save.busy ? "Saving…" : "Save draft"}
                  </button>
                  <button
                    type="button"
                    className="button"
                    aria-expanded={showDiff}
                    aria-controls="editor-diff"
                    onClick={() => setShowDiff(!showDiff)}
                  >
                    {showDiff ? "Hide changes" : "Show changes"}
                  </button>
                  {dirty && (
                    <button
                      type="button"
                      className="button"
                      onClick={() => {
                        if (window.confirm("Discard your unsaved changes?")) clearDraft();
                      }}
                    >
                      Discard changes
                    </button>
                  )}
                </div>
                <ProblemMessage error={save.error} title="Nothing was saved" />
                {elsewhere.map((d) => (
                  <p key={`${d.kind}/${d.id}`} className="notice">
                    Saved as a draft of {d.kind}{" "}
                    <Link to={`/documents/${d.kind}/${encodeURIComponent(d.id)}`}>{d.id}</Link> v
                    {d.version}: the YAML names that document.
                  </p>
                ))}
                {showDiff && (
                  <section id="editor-diff" className="panel" aria-labelledby="editor-diff-title">
                    <h2 id="editor-diff-title">
                      Changes against the version in force (v{data.inForce.version})
                    </h2>
                    {stats && stats.added + stats.removed === 0 ? (
                      <p>The text is the same as the version in force.</p>
                    ) : (
                      <>
                        <p>
                          <span className="added-text">
                            {stats?.added} line{stats?.added === 1 ? "" : "s"} added
                          </span>
                          , <span className="removed-text">{stats?.removed} removed</span>.
                        </p>
                        {diffRows && <DiffView rows={diffRows} />}
                      </>
                    )}
                  </section>
                )}
                {data.isDraft && !dirty && (
                  <SubmitForApproval
                    kind={kind}
                    docId={docId}
                    version={data.newest.version}
                    className="form panel"
                    heading={`Submit v${data.newest.version} for approval`}
                    onSubmitted={() => {
                      announce(`Submitted v${data.newest.version} for approval`);
                      navigate(base);
                    }}
                  />
                )}
              </section>
              <section className="editor-findings" aria-labelledby="editor-findings-title">
                <h2 id="editor-findings-title">Lint</h2>
                <ProblemMessage error={lint.error} title="Could not check the text" />
                {lint.report && (
                  <LintResults
                    report={lint.report}
                    empty={<p>The text fits what is in force.</p>}
                    goTo={(line, column) => editor.current?.goTo(line, column)}
                  />
                )}
              </section>
            </div>
          )}
    </>
  );
}
