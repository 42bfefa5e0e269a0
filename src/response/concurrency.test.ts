import { afterEach, describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../test/support/databases.js";
import {
  declareRansomware,
  expectIntact,
  kindsAfter,
  operator,
} from "../../test/support/response-helpers.js";
import { testRuntime } from "../../test/support/runtime.js";
import { type Runtime, runtimeFor } from "../runtime.js";
import { openDatabase } from "../store/connect.js";
import { addTask, updateTask } from "./task.service.js";
import { addNote } from "./timeline.service.js";

/**
 * Many changes to one incident at once, as a busy incident room makes them: every one is kept and
 * the hash chain stays whole. On PostgreSQL the changes go through two runtimes with their own
 * connection pools (two nodes), so the row lock, not the in-process queue, has to keep order.
 */
describe.each(TEST_DIALECTS)("concurrent changes to one incident on '$name'", (dialect) => {
  const open: Runtime[] = [];
  afterEach(async () => {
    for (const rt of open.splice(0).reverse()) await rt.close();
  });

  it.skipIf(dialect.skip)("keeps 50 notes, 10 new tasks and 10 task updates", async () => {
    const rt = await testRuntime(dialect);
    open.push(rt);
    const nodes = [rt];
    if (dialect.name === "postgres") {
      const second = runtimeFor(rt.config, openDatabase({ url: rt.db.location }), rt.clock);
      open.push(second);
      nodes.push(second);
    }
    const incident = await declareRansomware(rt);
    const before = (await rt.incidents.timeline(incident.id)).length;
    const tasks = (await rt.incidents.tasks(incident.id)).slice(0, 10);
    const node = (i: number) => nodes[i % nodes.length] as Runtime;

    const results = await Promise.allSettled([
      ...Array.from({ length: 50 }, (_, i) =>
        addNote(node(i), incident.id, { text: `note ${i}` }, operator),
      ),
      ...Array.from({ length: 10 }, (_, i) =>
        addTask(node(i + 1), incident.id, { title: `task ${i}`, phase: "containment" }, operator),
      ),
      ...tasks.map((t, i) => updateTask(node(i), incident.id, t.id, { note: `on ${i}` }, operator)),
    ]);

    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    const kinds = await kindsAfter(rt, incident.id, before);
    expect(kinds.filter((k) => k === "note")).toHaveLength(50);
    expect(kinds.filter((k) => k === "task.added")).toHaveLength(10);
    expect(kinds.filter((k) => k === "task.updated")).toHaveLength(10);
    const notes = (await rt.incidents.timeline(incident.id, before))
      .filter((e) => e.kind === "note")
      .map((e) => (e.payload as { text: string }).text);
    expect(new Set(notes).size).toBe(50);
    expect((await rt.incidents.get(incident.id))?.version).toBe(incident.version + 70);
    await expectIntact(rt, incident.id);
  });
});
