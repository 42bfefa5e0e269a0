import { describe, expect, it } from "vitest";
import { keyedLock } from "./keyed-lock.js";

const tick = () => new Promise((r) => setTimeout(r, 1));

describe("keyedLock", () => {
  it("runs one at a time per key, in arrival order, and keys side by side up to the cap", async () => {
    const lock = keyedLock(2);
    const log: string[] = [];
    let inside = 0;
    let most = 0;
    const job = (key: string, n: number) =>
      lock.run(key, async () => {
        inside++;
        most = Math.max(most, inside);
        log.push(`${key}${n}+`);
        await tick();
        log.push(`${key}${n}-`);
        inside--;
        return n;
      });
    const results = await Promise.all([
      job("a", 1),
      job("a", 2),
      job("b", 1),
      job("c", 1),
      job("a", 3),
    ]);
    expect(results).toEqual([1, 2, 1, 1, 3]);
    const a = log.filter((l) => l.startsWith("a"));
    expect(a).toEqual(["a1+", "a1-", "a2+", "a2-", "a3+", "a3-"]);
    expect(most).toBe(2);
  });

  it("releases the key when the work fails, and refuses to take a key inside itself", async () => {
    const lock = keyedLock(1);
    await expect(
      lock.run("a", async () => {
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    await expect(lock.run("a", async () => "after")).resolves.toBe("after");
    await expect(lock.run("a", () => lock.run("a", async () => 1))).rejects.toThrow(/again/);
    await expect(lock.run("a", () => lock.run("b", async () => 2))).resolves.toBe(2);
  });
});
