import { visibleTo } from "../auth/incident-visibility.js";
import type { Actor } from "../domain/actor.js";
import { invalidInput } from "../domain/errors.js";
import type { PostIncidentDeps } from "./deps.js";
import type { LessonSearchHit } from "./postincident.types.js";
import { queryTerms, scoreItems } from "./text-search.js";

/** How many stored documents are scored per query at most (the newest matching ones). */
const CANDIDATES = 500;

/**
 * "Has this happened before?": past lessons-learned reviews and root causes ranked against the
 * query. Exercises are left out (their lessons are about the drill, not the estate).
 */
export async function searchLessons(
  deps: Pick<PostIncidentDeps, "postincident" | "incidents">,
  q: string,
  limit = 20,
  viewer?: Actor,
): Promise<{ query: string; terms: string[]; items: LessonSearchHit[] }> {
  if (typeof q !== "string" || !q.trim()) throw invalidInput("give something to search for (q)");
  const ts = queryTerms(q);
  if (ts.length === 0)
    throw invalidInput("the query has only common words; give a more specific one");
  const candidates = await deps.postincident.searchCandidates(ts, CANDIDATES, visibleTo(viewer));
  const items = scoreItems(candidates, q)
    .slice(0, Math.min(Math.max(limit, 1), 100))
    .map(({ item, score, snippet }) => ({
      kind: item.kind,
      id: item.id,
      incident: item.incident,
      problem: item.problem,
      title: item.title,
      snippet,
      score,
      at: item.at,
    }));
  return { query: q, terms: ts, items };
}
