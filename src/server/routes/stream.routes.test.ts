import { beforeAll, describe, expect, it } from "vitest";
import { appPerFile } from "../../../test/support/app.js";
import { TEST_DIALECTS } from "../../../test/support/databases.js";
import { declareIncident } from "../../response/incident.service.js";
import { addNote } from "../../response/timeline.service.js";

const sqlite = TEST_DIALECTS[0] as (typeof TEST_DIALECTS)[number];
const someone = { kind: "person" as const, id: "amara-okafor", name: "Amara" };

interface SseEvent {
  id?: string;
  event?: string;
  data?: string;
}

/** Reads server-sent events from a streaming response, one at a time. */
function eventReader(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  return {
    async next(timeoutMs = 2000): Promise<SseEvent> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const end = buffer.indexOf("\n\n");
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event: SseEvent = {};
          for (const line of block.split("\n")) {
            const [field, ...rest] = line.split(": ");
            if (field === "id" || field === "event" || field === "data")
              event[field] = rest.join(": ");
          }
          if (event.event) return event;
          continue;
        }
        const left = deadline - Date.now();
        if (left <= 0) throw new Error("no event in time");
        const chunk = await Promise.race([
          reader.read(),
          new Promise<never>((_, reject) =>
            setTimeout(() => reject(new Error("no event in time")), left),
          ),
        ]);
        if (chunk.done) throw new Error("stream ended");
        buffer += decoder.decode(chunk.value, { stream: true });
      }
    },
    cancel: () => reader.cancel(),
  };
}

describe("GET /api/v1/incidents/:id/stream", () => {
  const served = appPerFile(sqlite, { auth: "trust-local" });
  let base: string;
  beforeAll(async () => {
    base = await served.app.listen({ port: 0, host: "127.0.0.1" });
  });

  const declare = () =>
    declareIncident(
      served.rt,
      { title: "Streamed", type: "malware", severity: "emergency" },
      someone,
    );

  it("pushes timeline entries written after the client's position, with resumable ids", async () => {
    const incident = await declare();
    const tail = (await served.rt.incidents.timeline(incident.id)).at(-1)?.seq ?? 0;
    const res = await fetch(`${base}/api/v1/incidents/${incident.human_id}/stream`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const events = eventReader(res.body as ReadableStream<Uint8Array>);

    // A change made outside HTTP (another node, the timer worker) arrives through the poll.
    const started = Date.now();
    await addNote(served.rt, incident.id, { text: "seen from afar" }, someone);
    const first = await events.next();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(first.event).toBe("timeline");
    const items = JSON.parse(first.data as string).items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      seq: tail + 1,
      kind: "note",
      payload: { text: "seen from afar" },
    });
    expect(first.id).toBe(String(tail + 1));
    await events.cancel();

    // Reconnecting with Last-Event-ID resumes after it, missing nothing.
    await addNote(served.rt, incident.id, { text: "while away" }, someone);
    const again = await fetch(`${base}/api/v1/incidents/${incident.id}/stream`, {
      headers: { "last-event-id": String(tail + 1) },
    });
    const resumed = eventReader(again.body as ReadableStream<Uint8Array>);
    const missed = JSON.parse((await resumed.next()).data as string).items;
    expect(missed.map((e: { payload: { text: string } }) => e.payload.text)).toEqual([
      "while away",
    ]);
    await resumed.cancel();
  });

  it("delivers a change made through the API to every open stream at once", async () => {
    const incident = await declare();
    const open = async () =>
      eventReader(
        (await fetch(`${base}/api/v1/incidents/${incident.human_id}/stream`))
          .body as ReadableStream<Uint8Array>,
      );
    const [a, b] = [await open(), await open()];
    const started = Date.now();
    const posted = await fetch(`${base}/api/v1/incidents/${incident.human_id}/notes`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: "bridge open" }),
    });
    expect(posted.status).toBe(201);
    for (const events of [a, b]) {
      const items = JSON.parse((await events.next()).data as string).items;
      expect(items.at(-1)).toMatchObject({ kind: "note", payload: { text: "bridge open" } });
    }
    expect(Date.now() - started).toBeLessThan(1000);
    await a.cancel();
    await b.cancel();
  });

  it("answers an unknown incident with problem+json 404", async () => {
    const res = await fetch(`${base}/api/v1/incidents/INC-1999-0001/stream`);
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/problem\+json/);
  });
});
