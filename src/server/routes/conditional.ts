import type { FastifyReply, FastifyRequest } from "fastify";

/**
 * Does `If-None-Match` name this entity tag? Weak comparison (RFC 9110 §13.1.2): `W/"x"` matches
 * `"x"`, since a proxy that compresses answers weakens the tag it passes on; `*` matches any.
 */
export function noneMatchHits(header: string | string[] | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const tags = (Array.isArray(header) ? header.join(",") : header).split(",").map((t) => t.trim());
  return tags.some((t) => t === "*" || t.replace(/^W\//, "") === etag);
}

/**
 * Tags an answer that changes only when its version does (a document version's hash). The
 * browser keeps it and asks again with `If-None-Match` (`no-cache`: always revalidated, so a new
 * version shows at once); an unchanged one is a bodiless 304. Returns the reply when the 304 was
 * sent, else undefined and the caller answers as usual.
 */
export function notModified(
  req: FastifyRequest,
  reply: FastifyReply,
  etag: string,
): FastifyReply | undefined {
  reply.header("etag", etag).header("cache-control", "private, no-cache");
  if (!noneMatchHits(req.headers["if-none-match"], etag)) return undefined;
  return reply.status(304).send();
}
