import { describe, expect, it } from "vitest";
import { newRowId, refersToRow, shortRowId } from "./row-id.js";

describe("row ids", () => {
  it("are version 7 UUIDs that carry their time in the first 48 bits", () => {
    const at = Date.UTC(2026, 11, 6, 20, 45, 0, 123);
    const id = newRowId(at);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Number.parseInt(id.replace("-", "").slice(0, 12), 16)).toBe(at);
  });

  it("sort by time, as text, so rows written together are neighbours in an index", () => {
    const start = Date.UTC(2026, 0, 1);
    const ids = Array.from({ length: 1000 }, (_, i) => newRowId(start + i * 37));
    expect([...ids].sort()).toEqual(ids);
  });

  it("differ within one millisecond", () => {
    const at = Date.now();
    const ids = new Set(Array.from({ length: 10_000 }, () => newRowId(at)));
    expect(ids.size).toBe(10_000);
  });
});

describe("short row ids", () => {
  it("are the random end of the id, so the tasks of one checklist differ", () => {
    const at = Date.now();
    const ids = Array.from({ length: 30 }, () => newRowId(at));
    expect(new Set(ids.map(shortRowId)).size).toBe(30);
    expect(ids.every((id) => shortRowId(id) === id.slice(-8))).toBe(true);
  });

  it("name their row, as does the whole id; a shorter end or a beginning does not", () => {
    const id = newRowId();
    expect(refersToRow(id, id)).toBe(true);
    expect(refersToRow(id, shortRowId(id))).toBe(true);
    expect(refersToRow(id, id.slice(-12))).toBe(true);
    expect(refersToRow(id, id.slice(-7))).toBe(false);
    expect(refersToRow(id, id.slice(0, 8))).toBe(false);
  });
});
