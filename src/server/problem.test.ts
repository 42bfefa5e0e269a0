import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { DOMAIN_ERROR_CODES, DomainError } from "../domain/errors.js";
import { sendProblem } from "./problem.js";

describe("problem+json for domain errors", () => {
  it("answers every DomainError code with a 4xx, whatever extra members the error carries", async () => {
    const app = Fastify({ logger: false });
    app.setErrorHandler(sendProblem);
    app.get<{ Params: { code: string } }>("/fail/:code", async (req) => {
      // Extras named like RFC 9457 members must not replace them (a `status: "resolved"` once
      // became the HTTP status: FST_ERR_BAD_STATUS_CODE, 500).
      throw new DomainError(req.params.code as DomainError["code"], "refused", [], {
        status: "resolved",
        type: "about:blank",
        title: "x",
        instance: 7,
        detail: null,
        current: "kept",
      });
    });
    for (const code of DOMAIN_ERROR_CODES) {
      const res = await app.inject(`/fail/${code}`);
      expect(res.statusCode, code).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, code).toBeLessThan(500);
      expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect(res.json()).toEqual({
        type: `/problems/${code}`,
        title: expect.any(String),
        status: res.statusCode,
        detail: "refused",
        instance: `/fail/${code}`,
        current: "kept",
      });
    }
    await app.close();
  });

  it("answers a PostgreSQL deadlock or serialization failure as a 409 that changed nothing", async () => {
    const app = Fastify({ logger: false });
    app.setErrorHandler(sendProblem);
    app.get<{ Params: { sqlstate: string } }>("/crossed/:sqlstate", async (req) => {
      // The shape node-postgres gives a DatabaseError: the SQLSTATE in `code`.
      throw Object.assign(new Error("deadlock detected"), { code: req.params.sqlstate });
    });
    for (const sqlstate of ["40P01", "40001"]) {
      const res = await app.inject(`/crossed/${sqlstate}`);
      expect(res.statusCode, sqlstate).toBe(409);
      expect(res.json()).toMatchObject({ type: "/problems/conflict" });
    }
    expect((await app.inject("/crossed/23505")).statusCode).toBe(500);
    await app.close();
  });
});
