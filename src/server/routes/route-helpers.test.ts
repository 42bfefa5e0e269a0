import { describe, expect, it } from "vitest";
import { DomainError } from "../../domain/errors.js";
import { expectedVersion } from "./route-helpers.js";

/**
 * Issue 14 acceptance: `If-Match: *` answered 400, and `0x7`, `1e0` or `"99999999999999999999999"`
 * were read as versions (7, 1, 1e+23) instead of refused.
 */
describe("expectedVersion (If-Match)", () => {
  it.each([
    ['"7"', 7],
    ["7", 7],
    ['W/"7"', 7],
    [' "12" ', 12],
    ["*", undefined],
    [undefined, undefined],
  ])("reads %j as %j", (header, version) => {
    expect(expectedVersion({ "if-match": header })).toBe(version);
  });

  it.each([
    "abc",
    "-1",
    "0",
    '"0"',
    "1e0",
    "0x7",
    "1.0",
    '"7',
    '"1", "2"',
    '"99999999999999999999999"',
    "",
  ])("refuses %j as invalid input", (header) => {
    expect(() => expectedVersion({ "if-match": header })).toThrow(DomainError);
    expect(() => expectedVersion({ "if-match": header })).toThrow(/If-Match must be a version/);
  });
});
