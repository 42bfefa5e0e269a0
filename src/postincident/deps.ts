import type { ProblemDeps } from "../response/problem.service.js";
import type { ActionItemStore, PostIncidentStore } from "./postincident.types.js";

/** What the post-incident use cases take: the incident and problem deps, and their own stores. */
export interface PostIncidentDeps extends ProblemDeps {
  postincident: PostIncidentStore;
  actionItems: ActionItemStore;
}
