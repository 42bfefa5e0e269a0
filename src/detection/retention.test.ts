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
});
