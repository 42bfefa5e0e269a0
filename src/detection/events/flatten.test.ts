import { describe, expect, it } from "vitest";
import { deepValue } from "../../../test/support/hostile-input.js";
import { flattenEvent } from "./flatten.js";

describe("flattenEvent", () => {
  it("flattens an event nested 100,000 levels deep without recursion", () => {
    const fields = flattenEvent({ host: "h", deep: deepValue(100_000) });
    expect(fields.host).toBe("h");
    expect(fields[`deep${".a".repeat(100_000)}`]).toBe(1);
  });

  it("keeps the order and shape of nested objects, arrays of objects and #text", () => {
    const fields = flattenEvent({
      dns: { answers: [{ data: "1.1.1.1" }, "x", { data: "2.2.2.2", ttl: 5 }] },
      proc: { "#text": "t", name: "n" },
      list: [1, 2],
    });
    expect(fields).toEqual({
      "dns.answers.data": ["1.1.1.1", "2.2.2.2"],
      "dns.answers": "x",
      "dns.answers.ttl": 5,
      "proc.#text": "t",
      "proc.name": "n",
      proc: "t",
      list: [1, 2],
    });
  });
});
