import { describe, expectTypeOf, it } from "vitest";
import type { Dashboard } from "../response/dashboard.service.js";
import type { DashboardTask } from "../response/dashboard.types.js";
import type { DashboardView } from "./dashboard.js";

describe("the dashboard contract", () => {
  it("answers the tasks exactly as the use case reads them", () => {
    expectTypeOf<DashboardView["mine"][number]>().toEqualTypeOf<DashboardTask>();
  });
  it("answers the whole dashboard (timeline entries in the timeline route's looser shape)", () => {
    expectTypeOf<Dashboard>().toMatchTypeOf<DashboardView>();
  });
});
