/**
 * The load of bench/saturation.ts, in a process of its own (its event loop is busy, and the
 * health probes must not wait on it): one sender per entry of `senders`, each POSTing one event
 * per request, the next as soon as the answer came (closed loop), for `seconds`. A sender uses
 * the first of its tokens until refused (429), then the next, and stays on the last one: a
 * flooding sender has one token, over its limit; a sender of accepted events has many, so that
 * it keeps being accepted past one token's budget. Answers the count of each HTTP status over
 * the IPC channel.
 */
import { Agent } from "node:http";
import { benchEvent } from "./events.js";
import { postEvents } from "./post-events.js";

export interface SaturationLoad {
  port: number;
  /** One sender each: the tokens it uses in turn. */
  senders: string[][];
  seconds: number;
}

/** What the bench hears from the load: "started", then the count of each status. */
export type SaturationLoadReport = "started" | Record<string, number>;

const post = async (agent: Agent, port: number, token: string, body: string) =>
  (await postEvents(agent, port, body, { authorization: `Bearer ${token}` })).status;

process.once("message", async ({ port, senders, seconds }: SaturationLoad) => {
  const agent = new Agent({ keepAlive: true, maxSockets: senders.length });
  const statuses: Record<string, number> = {};
  const until = performance.now() + seconds * 1000;
  let n = 0;
  process.send?.("started" satisfies SaturationLoadReport);
  await Promise.all(
    senders.map(async (tokens) => {
      let t = 0;
      while (performance.now() < until) {
        const token = tokens[t] as string;
        const status = await post(agent, port, token, JSON.stringify(benchEvent(n++)));
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (status === 429 && t < tokens.length - 1) t++;
      }
    }),
  );
  agent.destroy();
  process.send?.(statuses satisfies SaturationLoadReport, () => process.exit(0));
});
