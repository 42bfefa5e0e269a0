/** The dedup key prefix of a run's jobs of a kind (cancelled together when the run ends). */
export const jobPrefix = (runId: string, kind: string) => `${kind}:${runId}:`;
