import { z } from "zod";

/**
 * One operation of the API as data: its method, its path (Fastify's `:param` syntax, under
 * `/api/v1`) and the zod schemas of what goes in and what comes back. The server registers its
 * route from it (`server/contract-route.ts`), the OpenAPI document is generated from the same
 * schemas, and the typed client (`client/`) calls it, so a shape is written once.
 */
export interface Endpoint {
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  path: string;
  params?: z.ZodType;
  query?: z.ZodType;
  headers?: z.ZodType;
  body?: z.ZodType;
  /**
   * The media types of a body that is not JSON (YAML documents): the body is text, sent as is
   * with the first of them, and the OpenAPI document names them all. Absent: JSON.
   */
  consumes?: readonly [string, ...string[]];
  /** The answer's body on success; absent for 204. */
  response?: z.ZodType;
  /** The success status (default 200). */
  status?: 200 | 201 | 202 | 204;
  /**
   * Answers besides the success in the endpoint's own shape, by status, for a protocol whose
   * senders parse its errors (PagerDuty's); absent: errors are problem+json.
   */
  errors?: Readonly<Record<number, z.ZodType>>;
  /** Shown in the OpenAPI document (a summary is otherwise made from the description). */
  summary?: string;
  description?: string;
}

/** Keeps the literal types of an endpoint's definition (for inference) while checking its shape. */
export const endpoint = <const E extends Endpoint>(e: E): E => e;

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;
type In<S> = S extends z.ZodType ? z.input<S> : undefined;

/** What a handler receives, after validation. */
export type ParamsOf<E extends Endpoint> = Out<E["params"]>;
export type QueryOf<E extends Endpoint> = Out<E["query"]>;
export type HeadersOf<E extends Endpoint> = Out<E["headers"]>;
export type BodyOf<E extends Endpoint> = Out<E["body"]>;
/** What a handler returns (before serialisation) — and, as parsed JSON, what a client gets. */
export type ResponseOf<E extends Endpoint> = E["response"] extends z.ZodType
  ? z.input<E["response"]>
  : undefined;

/** What a caller sends: the members the endpoint declares, typed by its schemas. */
export type RequestOf<E extends Endpoint> = (E["params"] extends z.ZodType
  ? { params: In<E["params"]> }
  : { params?: undefined }) &
  (E["query"] extends z.ZodType ? { query?: In<E["query"]> } : { query?: undefined }) &
  (E["body"] extends z.ZodType ? { body: In<E["body"]> } : { body?: undefined });

/** Text of an ISO 8601 UTC time, as every time in the API is. */
export const Time = z.string().describe("ISO 8601 UTC");

/** A page of a list: `{ items, next_cursor }` (cursors are opaque; see domain/cursor.ts). */
export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), next_cursor: z.string().nullable() });

/** Every record at once: the list shape of a paged answer, with no next page. */
export const whole = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), next_cursor: z.null() });

/** The optimistic-concurrency header: the version the client's change was made on. */
export const IfMatch = z.object({
  "if-match": z.string().optional().describe("the version the change was made on"),
});

/** `{ id }` of a resource addressed by id (an incident also by its human id, INC-2026-0042). */
export const ById = z.object({ id: z.string() });
