import { afterEach, describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../test/support/databases.js";
import { benign, encodedPowershell } from "../../test/support/detection.js";
import { testRuntime } from "../../test/support/runtime.js";
import { fixedClock } from "../domain/clock.js";
import type { Runtime } from "../runtime.js";
import { ingestEvents } from "./ingest.service.js";
import { purgeExpiredEvents } from "./retention.js";

describe.each(TEST_DIALECTS)("raw event retention on $name", (dialect) => {
  let rt: Runtime | undefined;
  afterEach(async () => {
    await rt?.close();
    rt = undefined;
  });

  it("purges events older than FIREBREAK_EVENT_RETENTION and keeps the alerts", async (ctx) => {
    if (dialect.skip) ctx.skip(dialect.skip);
    const clock = fixedClock("2026-11-01T08:00:00Z");
    rt = await testRuntime(dialect, { clock });
    const text = [benign("RET-1"), encodedPowershell("RET-1")]
      .map((e) => JSON.stringify(e))
      .join("\n");
    await ingestEvents(rt, { text });
    clock.advance(29 * 86_400_000);
    await ingestEvents(rt, { text });
    expect(rt.config.eventRetention).toBe("P30D");
    expect(await purgeExpiredEvents(rt)).toMatchObject({ deleted: 0 });
    clock.advance(2 * 86_400_000);
    expect(await purgeExpiredEvents(rt)).toEqual({
      deleted: 2,
      batches: 1,
      before: "2026-11-02T08:00:00.000Z",
    });
    const [alert] = (await rt.detection.alerts.list({}, 10)).items;
    expect(alert?.count).toBe(2);
    expect((await rt.detection.events.forAlert(alert?.id as string, 10)).total).toBe(1);
  });

  it("deletes in bounded batches, oldest first, until nothing expired is left", async (ctx) => {
    if (dialect.skip) ctx.skip(dialect.skip);
    const clock = fixedClock("2026-11-01T08:00:00Z");
    rt = await testRuntime(dialect, { clock });
    for (let i = 0; i < 7; i++) {
      await ingestEvents(rt, { text: JSON.stringify(benign(`OLD-${i}`)) });
      clock.advance(1000);
    }
    clock.advance(31 * 86_400_000);
    await ingestEvents(rt, { text: JSON.stringify(benign("NEW-1")) });
    // One batch of 3 deletes the 3 oldest and nothing else.
    const before = new Date(clock.now().getTime() - 30 * 86_400_000).toISOString();
    expect(await rt.detection.events.purgeBefore(before, 3)).toBe(3);
    const hosts = async () =>
      (await rt?.db.kysely.selectFrom("events").select("host").orderBy("host").execute())?.map(
        (r) => r.host,
      );
    expect(await hosts()).toEqual(["NEW-1", "OLD-3", "OLD-4", "OLD-5", "OLD-6"]);
    expect(await purgeExpiredEvents(rt, 2)).toMatchObject({ deleted: 4, batches: 2 });
    expect(await purgeExpiredEvents(rt, 2)).toMatchObject({ deleted: 0, batches: 0 });
    expect(await hosts()).toEqual(["NEW-1"]);
  });
});
