import compress from "@fastify/compress";
import type { FastifyInstance } from "fastify";

/**
 * What is worth compressing: text (but never `text/event-stream`, which must reach the browser
 * event by event, not when a compressor's buffer fills), JSON and problem+json, XML and SVG, and
 * scripts, which the plugin's own list leaves out when they are `application/javascript`.
 */
const COMPRESSIBLE =
  /^text\/(?!event-stream)|(?:\+|\/)json(?:;|$)|(?:\+|\/)xml(?:;|$)|^application\/(?:x-)?javascript(?:;|$)/;

/**
 * Brotli or gzip, as the client accepts, for every answer of 1 KB or more: API answers and the
 * web's files alike (the main script shrinks about four times). The live timeline hijacks its
 * reply and writes the stream itself, so it never passes through here; the type test above
 * keeps any other event stream out too.
 */
export async function compressAnswers(app: FastifyInstance): Promise<void> {
  await app.register(compress, {
    encodings: ["br", "gzip"],
    threshold: 1024,
    customTypes: COMPRESSIBLE,
    // Only answers: request bodies keep being read as sent (the receivers read theirs item by
    // item, and the body limits count the bytes that arrive).
    globalDecompression: false,
  });
}
