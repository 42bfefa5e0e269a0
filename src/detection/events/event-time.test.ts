import { describe, expect, it } from "vitest";
import { eventTime, parseTime } from "./event-time.js";
import { normalizeEvent } from "./normalize.js";

const at = (iso: string) => Date.parse(iso);

describe("parseTime", () => {
  it("reads evtx SystemTime with a T or a space, any fraction, with or without a zone", () => {
    const t = at("2019-03-19T23:34:25.123Z");
    expect(parseTime("2019-03-19T23:34:25.123456Z")).toBe(t);
    expect(parseTime("2019-03-19 23:34:25.123456")).toBe(t);
    expect(parseTime("2019-03-19 23:34:25.123456 UTC")).toBe(t);
    expect(parseTime("2019-03-19T23:34:25.1234567Z")).toBe(t);
    expect(parseTime("2019-03-19 23:34:25,123")).toBe(t);
    expect(parseTime("2019-03-19T23:34:25.1Z")).toBe(at("2019-03-19T23:34:25.100Z"));
  });

  it("applies offsets and reads dates alone as midnight UTC", () => {
    expect(parseTime("2024-01-01T01:00:00+01:00")).toBe(at("2024-01-01T00:00:00Z"));
    expect(parseTime("2024-01-01T01:00:00+0100")).toBe(at("2024-01-01T00:00:00Z"));
    expect(parseTime("2023-12-31T19:30:00-04:30")).toBe(at("2024-01-01T00:00:00Z"));
    expect(parseTime("2024-05-01")).toBe(at("2024-05-01T00:00:00Z"));
  });

  it("reads ECS @timestamp and RFC 2822 dates", () => {
    expect(parseTime("2024-05-01T10:00:00.123Z")).toBe(at("2024-05-01T10:00:00.123Z"));
    expect(parseTime("Tue, 19 Mar 2019 23:34:25 GMT")).toBe(at("2019-03-19T23:34:25Z"));
    expect(parseTime("19 Mar 2019 23:34:25 +0100")).toBe(at("2019-03-19T22:34:25Z"));
  });

  it("reads epoch seconds, milliseconds and microseconds, as numbers or digit strings", () => {
    expect(parseTime(1_700_000_000)).toBe(1_700_000_000_000);
    expect(parseTime(1_700_000_000.5)).toBe(1_700_000_000_500);
    expect(parseTime("1700000000")).toBe(1_700_000_000_000);
    expect(parseTime(1_700_000_000_123)).toBe(1_700_000_000_123);
    expect(parseTime("1700000000123")).toBe(1_700_000_000_123);
    expect(parseTime(1_700_000_000_123_456)).toBe(1_700_000_000_123);
  });

  it("reads Windows FILETIME as a number, a digit string or hex", () => {
    // 2019-03-19T23:34:25.123Z = (ms + 11644473600000) * 10,000 hundred-nanosecond ticks.
    const ms = at("2019-03-19T23:34:25.123Z");
    const ticks = (BigInt(ms) + 11_644_473_600_000n) * 10_000n;
    expect(parseTime(ticks.toString())).toBe(ms);
    expect(parseTime(Number(ticks))).toBe(ms);
    expect(parseTime(`0x${ticks.toString(16).padStart(16, "0")}`)).toBe(ms);
  });

  it("reads PowerShell's /Date(ms)/", () => {
    expect(parseTime("/Date(1552000000000)/")).toBe(1_552_000_000_000);
  });

  it("gives a syslog time without a year the year that is not in the future", () => {
    const march2025 = at("2025-03-10T12:00:00Z");
    expect(parseTime("Mar  7 14:03:22", march2025)).toBe(at("2025-03-07T14:03:22Z"));
    expect(parseTime("Mar 7 14:03:22.250", march2025)).toBe(at("2025-03-07T14:03:22.250Z"));
    // Read on 1 January, a line of 31 December is last year's.
    expect(parseTime("Dec 31 23:59:59", at("2025-01-01T00:01:00Z"))).toBe(
      at("2024-12-31T23:59:59Z"),
    );
    // Up to a day ahead is clock skew, not last year.
    expect(parseTime("Mar 11 06:00:00", march2025)).toBe(at("2025-03-11T06:00:00Z"));
    expect(parseTime("Feb 29 10:00:00", march2025)).toBe(at("2024-02-29T10:00:00Z"));
  });

  it("takes nothing else for a time (Date.parse would make some up)", () => {
    for (const v of [
      "yesterday",
      "12",
      "Mar 7",
      "2019-02-30T00:00:00Z",
      "2019-03-19T25:00:00Z",
      "Foo 7 14:03:22",
      "version 2",
      0,
      42,
      -1,
      Number.NaN,
      5e16,
      5e17,
      true,
      null,
      {},
    ])
      expect(parseTime(v), String(v)).toBeUndefined();
  });
});

describe("eventTime", () => {
  it("takes the first time field that holds a time", () => {
    expect(eventTime({ timestamp: "not a time", time: 1_700_000_000 })).toBe(1_700_000_000_000);
    expect(eventTime({ "@timestamp": ["2024-01-01T00:00:00Z"] })).toBe(at("2024-01-01T00:00:00Z"));
    expect(eventTime({ message: "2024-01-01T00:00:00Z" })).toBeUndefined();
  });

  it("is the normalised event's time, for the shapes events come in", () => {
    const evtx = {
      Event: {
        System: {
          EventID: 4625,
          TimeCreated: { "#attributes": { SystemTime: "2019-03-19 23:34:25.123456 UTC" } },
        },
      },
    };
    expect(normalizeEvent(evtx).time).toBe(at("2019-03-19T23:34:25.123Z"));
    expect(normalizeEvent({ EventTime: "2019-03-19 23:34:25" }).time).toBe(
      at("2019-03-19T23:34:25Z"),
    );
    expect(normalizeEvent({ timestamp: "Mar  7 14:03:22" }, at("2025-04-01T00:00:00Z")).time).toBe(
      at("2025-03-07T14:03:22Z"),
    );
    expect(normalizeEvent({ EventID: 4625, time: "soon" }).time).toBeUndefined();
  });
});
