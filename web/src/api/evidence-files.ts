import { ApiError, endpointUrl } from "../../../src/client/client";
import { EVIDENCE_FILE_TYPE, type EvidenceView, evidence } from "../../../src/contract/evidence";
import type { Problem } from "../../../src/contract/problem";
import { csrfHeaders } from "./client";

/**
 * Evidence files from the browser (docs/evidence.md): the File is sent as the raw body, which
 * the server streams into the evidence store. XMLHttpRequest rather than fetch, for the upload's
 * progress events.
 */
export function uploadEvidenceFile(
  ref: string,
  file: File,
  onProgress: (sent: number, total: number) => void,
  /** The item recorded earlier with this file's SHA-256; absent: a new item named after it. */
  evidenceId?: string,
): Promise<EvidenceView> {
  const url = evidenceId
    ? endpointUrl(evidence.uploadFile.path, { id: ref, evidenceId })
    : endpointUrl(evidence.addFile.path, { id: ref }, { name: file.name });
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(evidenceId ? "PUT" : "POST", url);
    xhr.withCredentials = true;
    xhr.setRequestHeader("content-type", EVIDENCE_FILE_TYPE);
    xhr.setRequestHeader("accept", "application/json");
    for (const [name, value] of Object.entries(csrfHeaders())) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.total || file.size);
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      if (xhr.status < 400) resolve(body as EvidenceView);
      else
        reject(
          new ApiError(
            (body as Problem | undefined) ?? {
              type: "about:blank",
              title: `HTTP ${xhr.status}`,
              status: xhr.status,
              detail: `The upload failed (${xhr.status}).`,
            },
          ),
        );
    };
    xhr.onerror = () =>
      reject(
        new ApiError({
          type: "about:blank",
          title: "Network error",
          status: 0,
          detail: "The upload was cut off; nothing was kept. Try again.",
        }),
      );
    xhr.send(file);
  });
}

/** Where the browser downloads an item's file from; the reason goes into its chain of custody. */
export function evidenceDownloadUrl(ref: string, evidenceId: string, reason: string): string {
  return endpointUrl(evidence.download.path, { id: ref, evidenceId }, { reason });
}
