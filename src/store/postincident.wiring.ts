import type { PostIncidentDeps } from "../postincident/deps.js";
import type { ClockRecordSource, ReportDeps } from "../reports/report.types.js";
import type { Runtime } from "../runtime.js";
import { actionItemRepo } from "./action-item.repo.js";
import { postIncidentRepo } from "./postincident.repo.js";
import { reportRepo } from "./report.repo.js";

const built = new WeakMap<Runtime, PostIncidentDeps & ReportDeps>();

/**
 * The post-incident and report use cases' deps over a runtime: its stores plus the RCA, lessons,
 * action-item and report repositories over the same database. Built once per runtime, so the
 * server, the CLI and the jobs (owner reminders call `overdueActionItems`) share them.
 */
export function postIncidentDeps(rt: Runtime): PostIncidentDeps & ReportDeps {
  let deps = built.get(rt);
  if (!deps) {
    deps = {
      incidents: rt.incidents,
      documents: rt.documents,
      problems: rt.problems,
      get clock() {
        return rt.clock;
      },
      postincident: postIncidentRepo(rt.db),
      actionItems: actionItemRepo(rt.db),
      reports: reportRepo(rt.db),
      // The compliance module's notification records, once the runtime carries them.
      clockRecords: (rt as Runtime & { clockRecords?: ClockRecordSource }).clockRecords,
    };
    built.set(rt, deps);
  }
  return deps;
}
