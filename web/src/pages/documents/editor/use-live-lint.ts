import { useEffect, useState } from "react";
import { documentsApi, type LintReport } from "../../../api/documents";

/** How long typing must pause before the text is linted again. */
const PAUSE_MS = 400;

export interface LiveLint {
  /** The report of the newest text linted (kept on screen while the next one is checked). */
  report: LintReport | undefined;
  /** True while the text on screen is newer than the report. */
  checking: boolean;
  error: unknown;
}

/**
 * Lints a text on the server as an upload of it would be, once typing pauses: a newer text
 * aborts the request for an older one, so the report is always of the newest text asked.
 */
export function useLiveLint(text: string, enabled: boolean): LiveLint {
  const [state, setState] = useState<LiveLint>({
    report: undefined,
    checking: false,
    error: undefined,
  });

  useEffect(() => {
    if (!enabled || !text.trim()) {
      setState({ report: undefined, checking: false, error: undefined });
      return;
    }
    setState((s) => ({ ...s, checking: true }));
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      documentsApi.lintText(text, controller.signal).then(
        (report) => setState({ report, checking: false, error: undefined }),
        (error: unknown) => {
          if (!controller.signal.aborted) setState((s) => ({ ...s, checking: false, error }));
        },
      );
    }, PAUSE_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [text, enabled]);

  return state;
}
