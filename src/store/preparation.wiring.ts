import type { PreparationDeps } from "../preparation/preparation.types.js";
import type { Runtime } from "../runtime.js";
import { exerciseRunRepo } from "./exercise-run.repo.js";
import { planReviewRepo } from "./plan-review.repo.js";
import { postIncidentDeps } from "./postincident.wiring.js";
import { completionRepo, eventSampleRepo, snapshotRepo } from "./preparation.repo.js";

const built = new WeakMap<Runtime, PreparationDeps>();

/**
 * The preparation use cases' deps over a runtime: the runtime's stores (detection, incidents,
 * notifications, jobs), the post-incident stores (action items from exercise gaps) and the
 * preparation repositories over the same database. Built once per runtime, so that the server,
 * the CLI and the job handlers share them; the clock is read through, so a test that moves the
 * runtime's clock moves this one.
 */
export function preparationDeps(rt: Runtime): PreparationDeps {
  let deps = built.get(rt);
  if (!deps) {
    const post = postIncidentDeps(rt);
    deps = {
      config: rt.config,
      documents: rt.documents,
      incidents: rt.incidents,
      problems: rt.problems,
      detection: rt.detection,
      notifications: rt.notifications,
      jobs: rt.jobs,
      postincident: post.postincident,
      actionItems: post.actionItems,
      reports: post.reports,
      escalations: rt.escalations,
      ackNonces: rt.ackNonces,
      serverSecrets: rt.serverSecrets,
      clockRecords: rt.clockRecords,
      audit: rt.audit,
      get clock() {
        return rt.clock;
      },
      preparation: {
        completions: completionRepo(rt.db),
        reviews: planReviewRepo(rt.db),
        snapshots: snapshotRepo(rt.db),
        runs: exerciseRunRepo(rt.db),
        eventSamples: eventSampleRepo(rt.db),
      },
    };
    built.set(rt, deps);
  }
  return deps;
}
