import { DeliveryError, type DeliveryOutcome } from "./channel.types.js";

/** Long enough for a slow receiver, short enough that a hung one does not hold a worker. */
export const DEFAULT_HTTP_TIMEOUT_MS = 10_000;

/**
 * POSTs a JSON body and resolves when the receiver answers 2xx. Redirects are not followed: a
 * signed webhook should reach the URL configured, not wherever a response points. Error texts
 * never contain the URL, which may carry a token (Slack-style webhook URLs do).
 */
export async function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs = DEFAULT_HTTP_TIMEOUT_MS,
): Promise<DeliveryOutcome> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DeliveryError("target is not a URL", { permanent: true });
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:")
    throw new DeliveryError(`target must be an http(s) URL, not ${parsed.protocol}`, {
      permanent: true,
    });
  let response: Response;
  try {
    response = await fetch(parsed, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    throw new DeliveryError(connectionProblem(e, timeoutMs));
  }
  const text = (await response.text().catch(() => "")).trim().slice(0, 300);
  if (response.status < 200 || response.status > 299)
    throw new DeliveryError(
      `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}${text ? `: ${text}` : ""}`,
      { httpStatus: response.status },
    );
  return { httpStatus: response.status, detail: text || undefined };
}

function connectionProblem(e: unknown, timeoutMs: number): string {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  if (err.name === "TimeoutError") return `no answer within ${timeoutMs} ms`;
  const cause = err.cause?.code ?? err.cause?.message;
  return `connection failed${cause ? `: ${cause}` : `: ${err.message}`}`;
}
