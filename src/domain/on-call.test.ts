import { describe, expect, it } from "vitest";
import { type OnCallRotationSpec, onCallAt, onCallSchedule } from "./on-call.js";

/** Berlin, Monday 09:00 handoffs, from Monday 2026-03-02 (CET, UTC+1 until 29 March). */
const rotation = (over: Partial<OnCallRotationSpec> = {}): OnCallRotationSpec => ({
  role: "incident-commander",
  time_zone: "Europe/Berlin",
  handoff: { day: "monday", time: "09:00" },
  starts: "2026-03-02",
  people: ["alice", "bob", "carol"],
  overrides: [],
  ...over,
});

const who = (r: OnCallRotationSpec, iso: string) => onCallAt(r, new Date(iso));

describe("onCallAt", () => {
  it("rotates weekly in list order at the handoff time", () => {
    const r = rotation();
    expect(who(r, "2026-03-02T08:00:00Z")).toBe("alice"); // Monday 09:00 Berlin
    expect(who(r, "2026-03-09T07:59:59Z")).toBe("alice");
    expect(who(r, "2026-03-09T08:00:00Z")).toBe("bob");
    expect(who(r, "2026-03-18T12:00:00Z")).toBe("carol");
    expect(who(r, "2026-03-23T08:00:00Z")).toBe("alice"); // round again
    expect(who(r, "2027-03-01T08:00:00Z")).toBe(["alice", "bob", "carol"][52 % 3]);
  });

  it("has nobody on call before the rotation starts", () => {
    expect(who(rotation(), "2026-03-02T07:59:59Z")).toBeNull();
    expect(who(rotation(), "2025-12-31T12:00:00Z")).toBeNull();
  });

  it("hands off at 09:00 wall-clock time across a DST change", () => {
    const r = rotation();
    // Berlin springs forward on Sunday 2026-03-29: Monday 30 March 09:00 is 07:00 UTC.
    expect(who(r, "2026-03-30T06:59:59Z")).toBe("alice");
    expect(who(r, "2026-03-30T07:00:00Z")).toBe("bob");
    // Berlin falls back on Sunday 2026-10-25: Monday 26 October 09:00 is 08:00 UTC again.
    expect(who(r, "2026-10-26T07:59:59Z")).toBe("alice"); // week 33
    expect(who(r, "2026-10-26T08:00:00Z")).toBe("bob"); // week 34
  });

  it("starts with a short first shift when starts is not the handoff day", () => {
    const r = rotation({ starts: "2026-03-04" }); // Wednesday
    expect(who(r, "2026-03-04T07:59:00Z")).toBeNull();
    expect(who(r, "2026-03-04T08:00:00Z")).toBe("alice");
    expect(who(r, "2026-03-09T07:59:00Z")).toBe("alice");
    expect(who(r, "2026-03-09T08:00:00Z")).toBe("bob");
  });

  it("lets overrides win, the last listed one when they overlap, even before starts", () => {
    const r = rotation({
      overrides: [
        { person: "dave", from: "2026-03-10T18:00", to: "2026-03-11T08:00", reason: "dentist" },
        { person: "erin", from: "2026-03-11T05:00:00Z", to: "2026-03-11T06:00:00Z" },
        { person: "frank", from: "2026-02-27", to: "2026-03-02T09:00" },
      ],
    });
    expect(who(r, "2026-03-10T16:59:59Z")).toBe("bob");
    expect(who(r, "2026-03-10T17:00:00Z")).toBe("dave"); // 18:00 Berlin
    expect(who(r, "2026-03-11T05:30:00Z")).toBe("erin");
    expect(who(r, "2026-03-11T06:30:00Z")).toBe("dave");
    expect(who(r, "2026-03-11T07:00:00Z")).toBe("bob"); // `to` is exclusive
    expect(who(r, "2026-02-28T12:00:00Z")).toBe("frank");
    expect(who(r, "2026-02-26T22:59:59Z")).toBeNull();
  });

  it("rejects a rotation that cannot be read", () => {
    const at = new Date("2026-03-10T00:00:00Z");
    expect(() => onCallAt(rotation({ time_zone: "Moon/Base" }), at)).toThrow(/time zone/);
    expect(() => onCallAt(rotation({ handoff: { day: "monday", time: "9:00" } }), at)).toThrow(
      /HH:MM/,
    );
    expect(() => onCallAt(rotation({ starts: "2026-02-30" }), at)).toThrow(/not a date/);
    expect(() => onCallAt(rotation({ people: [] }), at)).toThrow(/nobody/);
  });
});

describe("onCallSchedule", () => {
  it("lists weekly shifts clipped to the range, with overrides cut in", () => {
    const r = rotation({
      overrides: [
        { person: "dave", from: "2026-03-10T18:00", to: "2026-03-11T08:00", reason: "dentist" },
      ],
    });
    const shifts = onCallSchedule(
      r,
      new Date("2026-03-01T00:00:00Z"),
      new Date("2026-03-20T00:00:00Z"),
    );
    expect(shifts).toEqual([
      {
        person: "alice",
        from: "2026-03-02T08:00:00.000Z",
        to: "2026-03-09T08:00:00.000Z",
        source: "rotation",
        reason: null,
      },
      {
        person: "bob",
        from: "2026-03-09T08:00:00.000Z",
        to: "2026-03-10T17:00:00.000Z",
        source: "rotation",
        reason: null,
      },
      {
        person: "dave",
        from: "2026-03-10T17:00:00.000Z",
        to: "2026-03-11T07:00:00.000Z",
        source: "override",
        reason: "dentist",
      },
      {
        person: "bob",
        from: "2026-03-11T07:00:00.000Z",
        to: "2026-03-16T08:00:00.000Z",
        source: "rotation",
        reason: null,
      },
      {
        person: "carol",
        from: "2026-03-16T08:00:00.000Z",
        to: "2026-03-20T00:00:00.000Z",
        source: "rotation",
        reason: null,
      },
    ]);
  });

  it("keeps an override across a handoff as one shift, and shortens the DST week", () => {
    const r = rotation({
      people: ["alice"],
      overrides: [{ person: "bob", from: "2026-03-13T12:00", to: "2026-03-17T12:00" }],
    });
    const shifts = onCallSchedule(
      r,
      new Date("2026-03-09T08:00:00Z"),
      new Date("2026-04-06T07:00:00Z"),
    );
    expect(shifts.map((s) => [s.person, s.from, s.to])).toEqual([
      ["alice", "2026-03-09T08:00:00.000Z", "2026-03-13T11:00:00.000Z"],
      ["bob", "2026-03-13T11:00:00.000Z", "2026-03-17T11:00:00.000Z"],
      ["alice", "2026-03-17T11:00:00.000Z", "2026-03-23T08:00:00.000Z"],
      // The week over the spring-forward change lasts 167 hours.
      ["alice", "2026-03-23T08:00:00.000Z", "2026-03-30T07:00:00.000Z"],
      ["alice", "2026-03-30T07:00:00.000Z", "2026-04-06T07:00:00.000Z"],
    ]);
  });

  it("has nothing before the rotation starts or for an empty range", () => {
    const r = rotation();
    expect(
      onCallSchedule(r, new Date("2026-01-01T00:00:00Z"), new Date("2026-02-01T00:00:00Z")),
    ).toEqual([]);
    const t = new Date("2026-03-10T00:00:00Z");
    expect(onCallSchedule(r, t, t)).toEqual([]);
    const first = onCallSchedule(
      r,
      new Date("2026-03-01T00:00:00Z"),
      new Date("2026-03-03T00:00:00Z"),
    );
    expect(first).toEqual([
      expect.objectContaining({ person: "alice", from: "2026-03-02T08:00:00.000Z" }),
    ]);
  });

  it("agrees with onCallAt at every shift start", () => {
    const r = rotation({
      time_zone: "America/New_York",
      handoff: { day: "friday", time: "17:30" },
      starts: "2026-10-01",
      overrides: [{ person: "zoe", from: "2026-11-06T17:30", to: "2026-11-07T00:00" }],
    });
    const shifts = onCallSchedule(
      r,
      new Date("2026-10-01T00:00:00Z"),
      new Date("2026-12-01T00:00:00Z"),
    );
    for (const s of shifts) expect(onCallAt(r, new Date(s.from)), s.from).toBe(s.person);
    // Friday 2026-11-06 17:30 is EST (UTC-5) after the 1 November change.
    expect(shifts.find((s) => s.person === "zoe")?.from).toBe("2026-11-06T22:30:00.000Z");
  });
});
