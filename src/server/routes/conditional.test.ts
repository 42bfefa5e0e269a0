import { describe, expect, it } from "vitest";
import { appPerFile } from "../../../test/support/app.js";
import { uploadApproved } from "../../../test/support/approval.js";
import { TEST_DIALECTS } from "../../../test/support/databases.js";
import {
  minimalPlan,
  minimalProcedure,
  toYaml,
  writeLibrary,
} from "../../../test/support/documents.js";
import { noneMatchHits } from "./conditional.js";

const sqlite = TEST_DIALECTS[0] as (typeof TEST_DIALECTS)[number];

describe("noneMatchHits", () => {
  it("compares weakly, reads lists and *, and misses otherwise", () => {
    expect(noneMatchHits('"abc"', '"abc"')).toBe(true);
    expect(noneMatchHits('W/"abc"', '"abc"')).toBe(true);
    expect(noneMatchHits('"x", "abc"', '"abc"')).toBe(true);
    expect(noneMatchHits("*", '"abc"')).toBe(true);
    expect(noneMatchHits('"abcd"', '"abc"')).toBe(false);
    expect(noneMatchHits("abc", '"abc"')).toBe(false);
    expect(noneMatchHits(undefined, '"abc"')).toBe(false);
  });
});

describe("the plan, cached by its version's hash", () => {
  const served = appPerFile(sqlite, {
    library: [writeLibrary(minimalPlan(), minimalProcedure())],
    auth: "trust-local",
  });
  const get = (url: string, etag?: string) =>
    served.app.inject({ url, headers: etag ? { "if-none-match": etag } : {} });

  it("tags the plan in force with its hash and answers 304 without a body while it holds", async () => {
    const first = await get("/api/v1/plans/current");
    expect(first.statusCode).toBe(200);
    const etag = first.headers.etag as string;
    expect(etag).toBe(`"${first.json().hash}"`);
    expect(first.headers["cache-control"]).toBe("private, no-cache");

    const again = await get("/api/v1/plans/current", etag);
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe("");
    expect(again.headers.etag).toBe(etag);
    // A proxy that compressed the answer hands the tag back weakened: still the same plan.
    expect((await get("/api/v1/plans/current", `W/${etag}`)).statusCode).toBe(304);
    expect((await get("/api/v1/plans/current", '"something-else"')).statusCode).toBe(200);
  });

  it("tags each version by its hash, and a new plan in force answers in full", async () => {
    const v1 = await get("/api/v1/plans/current");
    const version = await get(`/api/v1/plans/${v1.json().id}/versions/${v1.json().version}`);
    expect(version.headers.etag).toBe(v1.headers.etag);
    const cached = await get(
      `/api/v1/plans/${v1.json().id}/versions/${v1.json().version}`,
      v1.headers.etag as string,
    );
    expect(cached.statusCode).toBe(304);

    await uploadApproved(served.rt, toYaml(minimalPlan({ version: "2" })));
    const v2 = await get("/api/v1/plans/current", v1.headers.etag as string);
    expect(v2.statusCode).toBe(200);
    expect(v2.json().version).toBe(v1.json().version + 1);
    expect(v2.headers.etag).not.toBe(v1.headers.etag);
  });

  it("answers a missing version 404, not a 304", async () => {
    const res = await get("/api/v1/plans/nope/versions/9", "*");
    expect(res.statusCode).toBe(404);
  });
});
