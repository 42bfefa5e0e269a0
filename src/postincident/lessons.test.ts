import { beforeEach, describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../test/support/databases.js";
import { closeFully, operator, ransomwareWithRecords } from "../../test/support/postincident.js";
import { rejection } from "../../test/support/response-helpers.js";
import { runtimePerTest } from "../../test/support/runtime.js";
import { fixedClock } from "../domain/clock.js";
import { declareIncident } from "../response/incident.service.js";
import { updateTask } from "../response/task.service.js";
import { verifyTimeline } from "../response/timeline.service.js";
import type { Runtime } from "../runtime.js";
import { addActionItem, updateActionItem } from "./action-item.service.js";
import { listActionItems, overdueActionItems, updateFollowUpTask } from "./action-list.js";
import { getLessons, proposalsFor, recordLessons } from "./lessons.service.js";
import { addCause, identifyRootCause, startRca } from "./rca.service.js";
import { searchLessons } from "./search.service.js";

const DAY = 86_400_000;

describe.each(TEST_DIALECTS)("lessons, action items and search on $name", (dialect) => {
  let rt: Runtime;
  const clock = fixedClock("2026-03-02T09:00:00.000Z");
  beforeEach(() => clock.set("2026-03-02T09:00:00.000Z"));
  runtimePerTest(dialect, { clock }, (fresh) => {
    rt = fresh;
  });

  it("records a review whose proposals point at steps of the pinned document versions", async () => {
    const { incident } = await ransomwareWithRecords(rt);
    const input = {
      what_happened: "A phished VPN account led to FS01 being encrypted.",
      went_well: ["Backups were offline and intact"],
      went_poorly: ["Isolation took 3 hours because switch access was unclear"],
      learned: ["Keep switch credentials in the break-glass vault"],
      proposals: [
        {
          target: { kind: "procedure" as const, step_id: "isolate-infected-hosts" },
          change: "Add: isolate at the switch port if EDR isolation fails",
          rationale: "EDR isolation failed on FS01",
        },
        {
          target: { kind: "plan" as const, section: "escalation" },
          change: "Page IT ops at step 1",
        },
      ],
    };
    const review = await recordLessons(rt, incident.human_id, input, operator);
    expect(review.version).toBe(1);
    expect(review.proposals[0]?.target).toEqual({
      kind: "procedure",
      id: "ransomware",
      version: incident.procedure_version,
      step_id: "isolate-infected-hosts",
      section: null,
    });
    expect(review.proposals[1]?.target).toMatchObject({
      kind: "plan",
      id: "default",
      section: "escalation",
    });

    // Targets that do not exist in the named version are refused, each with its path; nothing changes.
    const bad = await rejection(
      recordLessons(
        rt,
        incident.id,
        {
          ...input,
          proposals: [
            { target: { kind: "procedure", step_id: "no-such-step" }, change: "x" },
            {
              target: {
                kind: "procedure",
                id: "ransomware",
                version: 99,
                step_id: "isolate-infected-hosts",
              },
              change: "x",
            },
            { target: { kind: "plan", section: "nonsense" }, change: "x" },
            { target: { kind: "plan", step_id: "isolate-infected-hosts" }, change: "x" },
          ],
        },
        operator,
      ),
    );
    expect(bad.details.map((d) => d.path)).toEqual([
      "proposals[0].target",
      "proposals[1].target",
      "proposals[2].target",
      "proposals[3].target",
    ]);
    expect((await getLessons(rt, incident.id, undefined)).version).toBe(1);

    // Re-saving with a proposal's id keeps it (and its status moves on).
    const first = review.proposals[0];
    const revised = await recordLessons(
      rt,
      incident.id,
      {
        ...input,
        proposals: [
          {
            ...input.proposals[0],
            id: first?.id,
            target: input.proposals[0]?.target ?? { kind: "procedure" },
            change: first?.change ?? "",
            status: "accepted",
          },
        ],
      },
      operator,
      1,
    );
    expect(revised.version).toBe(2);
    expect(revised.proposals).toHaveLength(1);
    expect(revised.proposals[0]?.id).toBe(first?.id);
    expect(revised.proposals[0]?.status).toBe("accepted");
    expect((await rejection(recordLessons(rt, incident.id, input, operator, 1))).code).toBe(
      "stale_version",
    );

    const proposals = await proposalsFor(rt, "procedure", "ransomware");
    expect(proposals.map((p) => p.incident.human_id)).toEqual([incident.human_id]);
    expect(await proposalsFor(rt, "procedure", "ransom")).toEqual([]);
    expect(
      (await rt.incidents.timeline(incident.id)).filter((e) => e.kind === "lessons.recorded"),
    ).toHaveLength(2);
  });

  it("lists overdue action items and follow-up tasks of closed incidents, and works both to done", async () => {
    const { incident } = await ransomwareWithRecords(rt);
    const early = await addActionItem(
      rt,
      { incident: incident.id, title: "Rotate krbtgt", owner: "jonas-weber", due_at: "2026-03-05" },
      operator,
    );
    await addActionItem(
      rt,
      {
        incident: incident.id,
        title: "Tabletop on VPN",
        owner: "amara-okafor",
        due_at: "2026-06-01",
      },
      operator,
    );
    const tasks = await rt.incidents.tasks(incident.id);
    const hardening = tasks.find((t) => t.step_id === "harden-backups");
    await updateTask(
      rt,
      incident.id,
      hardening?.id as string,
      { follow_up: true, assignee: "kenji-sato" },
      operator,
    );
    await closeFully(rt, incident.id, "No review: the test is about action items");

    expect((await listActionItems(rt, { overdue: true })).map((v) => v.ref)).toEqual([]);
    clock.advance(40 * DAY); // 2026-04-11: the item and the 30-day follow-up are overdue
    const overdue = await overdueActionItems(rt, clock.now());
    // Soonest due first: the item (03-05) before the follow-up (declared + P30D = 04-01).
    expect(overdue.map((v) => v.ref)).toEqual([early.human_id, `task:${hardening?.id}`]);
    const item = overdue.find((v) => v.ref === early.human_id);
    expect(item?.overdue_by_ms).toBe(
      Date.parse("2026-04-11T09:00:00Z") - Date.parse("2026-03-05T00:00:00Z"),
    );
    expect(item?.owner_name).toBe("Jonas Weber");
    expect(overdue.find((v) => v.source === "follow_up_task")?.owner).toBe("kenji-sato");

    await updateActionItem(
      rt,
      early.id,
      { status: "done", verification: "krbtgt rotated twice, checked in AD" },
      operator,
    );
    // The CLI shows the last 8 characters of a follow-up task id; they are enough.
    await updateFollowUpTask(
      rt,
      String(hardening?.id).slice(-8),
      { status: "done", verification: "immutable backups tested" },
      operator,
    );
    expect(await overdueActionItems(rt, clock.now())).toEqual([]);
    const all = await listActionItems(rt, { incident: incident.human_id });
    expect(all.map((v) => v.status).sort()).toEqual(["done", "done", "open"]);
    expect((await rt.incidents.get(incident.id))?.phase).toBe("closed");
    expect((await verifyTimeline(rt, incident.id, undefined)).intact).toBe(true);
    expect((await listActionItems(rt, { owner: "kenji-sato" })).map((v) => v.source)).toEqual([
      "follow_up_task",
    ]);
  });

  it("answers 'has this happened before?' from past lessons and root causes, best first", async () => {
    const a = await ransomwareWithRecords(rt, { title: "Encrypted file server" });
    const b = await ransomwareWithRecords(rt, { title: "Backup outage" });
    const drill = await declareIncident(
      rt,
      { title: "Drill", type: "ransomware", exercise: true },
      operator,
    );
    await recordLessons(
      rt,
      a.incident.id,
      {
        what_happened: "Phished VPN credentials were used without MFA.",
        learned: ["Enforce MFA on the VPN"],
      },
      operator,
    );
    await recordLessons(
      rt,
      b.incident.id,
      {
        what_happened: "A backup restore failed; tapes were unreadable.",
        learned: ["Test restores monthly"],
      },
      operator,
    );
    await recordLessons(
      rt,
      drill.id,
      { what_happened: "Drill: phished VPN credentials" },
      operator,
    );
    const rca = await startRca(
      rt,
      { incident: b.incident.id, scope: { summary: "backups" } },
      operator,
    );
    const { cause } = await addCause(
      rt,
      rca.id,
      { statement: "Phishing e-mail harvested a VPN password" },
      operator,
    );
    await identifyRootCause(rt, rca.id, { cause_id: cause.id }, operator);

    const found = await searchLessons(rt, "phishing VPN credentials");
    expect(found.items[0]).toMatchObject({
      kind: "lesson",
      incident: { human_id: a.incident.human_id },
    });
    expect(found.items.map((h) => h.kind)).toContain("root_cause");
    expect(found.items.every((h) => h.incident?.human_id !== drill.human_id)).toBe(true);
    expect(found.items[0]?.snippet).toMatch(/VPN/);
    expect((await searchLessons(rt, "restore tapes")).items[0]?.incident?.human_id).toBe(
      b.incident.human_id,
    );
    expect((await searchLessons(rt, "kubernetes")).items).toEqual([]);
    expect((await rejection(searchLessons(rt, "the and of"))).code).toBe("invalid_input");
  });
});
