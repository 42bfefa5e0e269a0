import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../../test/support/databases.js";
import { userWithToken } from "../../../test/support/identity.js";
import { testRuntime } from "../../../test/support/runtime.js";
import type { DashboardView } from "../../contract/dashboard.js";
import { fixedClock } from "../../domain/clock.js";
import type { Runtime } from "../../runtime.js";
import { type App, buildApp } from "../app.js";

type Headers = Record<string, string>;
const DAY = 86_400_000;

for (const dialect of TEST_DIALECTS)
  describe.skipIf(dialect.skip !== undefined)(`GET /api/v1/dashboard on ${dialect.name}`, () => {
    const clock = fixedClock("2026-11-02T09:00:00.000Z");
    let rt: Runtime;
    let app: App;
    let admin: Headers;
    let kenji: Headers;
    const made: Record<"secret" | "open" | "declined", { id: string; human_id: string }> = {
      secret: { id: "", human_id: "" },
      open: { id: "", human_id: "" },
      declined: { id: "", human_id: "" },
    };

    const call = async (method: string, url: string, headers: Headers, payload?: unknown) => {
      const res = await app.inject({
        method: method as "GET",
        url: `/api/v1${url}`,
        headers,
        payload: payload as object,
      });
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
      return res.json();
    };
    const board = (headers: Headers): Promise<DashboardView> => call("GET", "/dashboard", headers);

    beforeAll(async () => {
      rt = await testRuntime(dialect, { clock });
      app = await buildApp(rt, { logger: false });
      admin = (await userWithToken(rt, "admin")).headers;
      kenji = (await userWithToken(rt, "responder", "write", { person_id: "kenji-sato" })).headers;
      const declare = (title: string, restricted = false) =>
        call("POST", "/incidents", admin, { title, type: "ransomware", restricted });
      made.secret = await declare("Ransomware note on the HR file server", true);
      clock.advance(60_000);
      made.open = await declare("Phishing wave against finance");
      clock.advance(60_000);
      made.declined = await declare("False alarm on the VPN");
      const declined = await call("GET", `/incidents/${made.declined.human_id}`, admin);
      await call(
        "POST",
        `/incidents/${made.declined.human_id}/decline`,
        { ...admin, "if-match": `"${declined.version}"` },
        { reason: "a scanner's test" },
      );
      const [task] = (await call("GET", `/incidents/${made.open.human_id}/tasks`, admin)).items;
      await call("PATCH", `/incidents/${made.open.human_id}/tasks/${task.id}`, admin, {
        assignee: "kenji-sato",
      });
      clock.advance(7 * DAY);
    }, 120_000);
    afterAll(async () => {
      await app?.close();
      await rt?.close();
    });

    it("shows open incidents, their latest activity and overdue tasks; never ended ones", async () => {
      const view = await board(admin);
      expect(view.open.map((i) => i.human_id).sort()).toEqual(
        [made.secret.human_id, made.open.human_id].sort(),
      );
      expect(view.truncated).toBe(false);
      const seen = new Set([...view.activity, ...view.overdue].map((x) => x.incident.human_id));
      expect(seen.has(made.declined.human_id)).toBe(false);
      // The newest dozen of the open incidents' timelines together, newest first.
      const all = [];
      for (const ref of [made.secret, made.open])
        for (const entry of (await call("GET", `/incidents/${ref.human_id}/timeline`, admin)).items)
          all.push(`${entry.recorded_at} ${ref.human_id} ${entry.seq}`);
      expect(all.length).toBeGreaterThan(2);
      expect(
        view.activity.map((a) => `${a.entry.recorded_at} ${a.incident.human_id} ${a.entry.seq}`),
      ).toEqual(all.sort().reverse().slice(0, 12));
      // The last thing that happened on an open incident: the task assignment.
      expect(view.activity[0]?.incident.human_id).toBe(made.open.human_id);
      expect(view.overdue.length).toBeGreaterThan(0);
      const now = clock.now().toISOString();
      for (const { task } of view.overdue) {
        expect(task.due_at !== null && task.due_at < now).toBe(true);
        expect(["done", "skipped"]).not.toContain(task.status);
      }
      const due = view.overdue.map((o) => o.task.due_at ?? "");
      expect(due).toEqual([...due].sort());
      // The admin is nobody's assignee.
      expect(view.mine).toEqual([]);
    });

    it("keeps a restricted incident out of everything a non-member sees", async () => {
      const view = await board(kenji);
      expect(view.open.map((i) => i.human_id)).toEqual([made.open.human_id]);
      for (const item of [...view.activity, ...view.overdue, ...view.mine])
        expect(item.incident.human_id).toBe(made.open.human_id);
      expect(view.activity.length).toBeGreaterThan(0);
      expect(view.mine.map((m) => m.task.assignee)).toEqual(["kenji-sato"]);
    });
  });
